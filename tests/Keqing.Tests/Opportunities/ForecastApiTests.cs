using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// GET /api/forecast and its click-through on both providers (DOMAIN S2): periods, roll-ups, record access and the
/// opportunities behind every figure. Each test uses a period of its own, far from the others', so tests sharing the
/// database do not see each other's opportunities.
/// </summary>
public abstract class ForecastApiTests(KeqingApp app)
{
    private readonly OpportunityData data = new(app);

    private sealed record World(HttpClient Admin, HttpClient ManagerA, HttpClient RepA1, HttpClient RepB1, HttpClient Analyst,
        Guid TeamA, Guid TeamB, Guid RepA1Id, Guid RepA2Id, Guid RepB1Id, Guid ManagerAId);

    private async Task<World> Build()
    {
        var admin = await app.AdminClient();
        var managerA = await admin.CreateUser(Roles.SalesManager);
        var teamA = await admin.CreateTeam(managerId: managerA.Id);
        var managerB = await admin.CreateUser(Roles.SalesManager);
        var teamB = await admin.CreateTeam(managerId: managerB.Id);
        var repA1 = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var repA2 = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var repB1 = await admin.CreateUser(Roles.SalesRep, teamB.Id);
        var analyst = await admin.CreateUser(Roles.Analyst);
        return new World(admin, await app.ClientFor(managerA.Email), await app.ClientFor(repA1.Email), await app.ClientFor(repB1.Email),
            await app.ClientFor(analyst.Email), teamA.Id, teamB.Id, repA1.Id, repA2.Id, repB1.Id, managerA.Id);
    }

    private static async Task<ForecastDto> Forecast(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/forecast?" + query);
        await response.ShouldBe(200);
        return await response.Read<ForecastDto>();
    }

    private static async Task<ForecastOpportunitiesDto> Behind(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/forecast/opportunities?" + query);
        await response.ShouldBe(200);
        return await response.Read<ForecastOpportunitiesDto>();
    }

    private static Money Cny(decimal amount) => Money.Of(amount);

    [Fact]
    public async Task Figures_per_rep_team_and_total_count_open_deals_by_expected_close_and_won_deals_by_close_date()
    {
        var w = await Build();
        // Q1 2031. Open: 100.00 at 50 % (pipeline), 200.00 at 75 % (best case), 300.01 at 90 % (commit); won 400.00.
        await data.Add(w.RepA1Id, w.TeamA, 100m, 50, expectedClose: new(2031, 1, 10));
        await data.Add(w.RepA1Id, w.TeamA, 200m, 75, category: ForecastCategory.BestCase, expectedClose: new(2031, 2, 28));
        await data.Add(w.RepA2Id, w.TeamA, 300.01m, 90, category: ForecastCategory.Commit, expectedClose: new(2031, 3, 31));
        await data.Add(w.RepB1Id, w.TeamB, 400m, 100, OpportunityStatus.Won, expectedClose: new(2030, 12, 1), closedAt: new(2031, 3, 31, 15, 59, 0, DateTimeKind.Utc));
        // Not counted: lost, archived, another currency, expected after the quarter, won at 00:30 on 1 April in Beijing.
        await data.Add(w.RepA1Id, w.TeamA, 1000m, 0, OpportunityStatus.Lost, expectedClose: new(2031, 1, 5), closedAt: new(2031, 1, 5, 1, 0, 0, DateTimeKind.Utc));
        await data.Add(w.RepA1Id, w.TeamA, 1000m, archivedAt: DateTime.UtcNow, expectedClose: new(2031, 1, 5));
        await data.Add(w.RepA1Id, w.TeamA, 1000m, currency: "USD", expectedClose: new(2031, 1, 5));
        await data.Add(w.RepA1Id, w.TeamA, 1000m, expectedClose: new(2031, 4, 1));
        await data.Add(w.RepB1Id, w.TeamB, 1000m, 100, OpportunityStatus.Won, expectedClose: new(2031, 3, 1), closedAt: new(2031, 3, 31, 16, 30, 0, DateTimeKind.Utc));

        var q1 = await Forecast(w.Admin, "period=2031q1");
        q1.Period.Should().Be("2031Q1");
        (q1.From, q1.To).Should().Be((new DateOnly(2031, 1, 1), new DateOnly(2031, 4, 1)));
        var a = q1.Teams.Single(t => t.TeamId == w.TeamA);
        a.Figures.Pipeline.Should().Be(Cny(600.01m));
        // 50.00 + 150.00 + 270.009 = 470.009: exact, rounded once to 470.01.
        a.Figures.WeightedExact.Should().Be(470.009m);
        a.Figures.Weighted.Should().Be(Cny(470.01m));
        a.Figures.BestCase.Should().Be(Cny(500.01m), "best case includes commit");
        a.Figures.Commit.Should().Be(Cny(300.01m));
        a.Figures.ClosedWon.Should().Be(Cny(0m));
        (a.Figures.OpenCount, a.Figures.BestCaseCount, a.Figures.CommitCount).Should().Be((3, 2, 1));
        a.Reps.Select(r => r.UserId).Should().BeEquivalentTo([w.RepA1Id, w.RepA2Id]);
        a.Reps.Single(r => r.UserId == w.RepA1Id).Figures.Pipeline.Should().Be(Cny(300m));
        var b = q1.Teams.Single(t => t.TeamId == w.TeamB);
        (b.Figures.ClosedWon, b.Figures.WonCount, b.Figures.Pipeline).Should().Be((Cny(400m), 1, Cny(0m)));
        q1.Total.Pipeline.Should().Be(Cny(600.01m));
        q1.Total.ClosedWon.Should().Be(Cny(400m));
        q1.Total.Weighted.Should().Be(Cny(470.01m));

        var march = await Forecast(w.Admin, "period=2031-03");
        march.Total.Pipeline.Should().Be(Cny(300.01m));
        march.Total.ClosedWon.Should().Be(Cny(400m));
        var april = await Forecast(w.Admin, "period=2031-04");
        april.Total.ClosedWon.Should().Be(Cny(1000m), "won at 00:30 on 1 April in Beijing time");
        (await Forecast(w.Admin, "period=2031Q1&currency=usd")).Total.Pipeline.Should().Be(Money.Of(1000m, "USD"));
        (await Forecast(w.Admin, $"period=2031Q1&userId={w.RepA1Id}")).Teams.Should().ContainSingle()
            .Which.Reps.Should().ContainSingle().Which.Figures.Pipeline.Should().Be(Cny(300m));
        (await Forecast(w.Admin, $"period=2031Q1&teamId={w.TeamB}")).Total.ClosedWon.Should().Be(Cny(400m));
    }

    [Fact]
    public async Task A_rep_sees_their_own_a_manager_their_teams_and_admin_and_analyst_everything()
    {
        var w = await Build();
        await data.Add(w.RepA1Id, w.TeamA, 10m, expectedClose: new(2032, 5, 1));
        await data.Add(w.RepA2Id, w.TeamA, 20m, expectedClose: new(2032, 5, 2));
        await data.Add(w.ManagerAId, w.TeamA, 40m, expectedClose: new(2032, 5, 3));
        await data.Add(w.RepB1Id, w.TeamB, 80m, expectedClose: new(2032, 5, 4));

        (await Forecast(w.RepA1, "period=2032-05")).Total.Pipeline.Should().Be(Cny(10m));
        (await Forecast(w.RepB1, "period=2032-05")).Total.Pipeline.Should().Be(Cny(80m));
        var manager = await Forecast(w.ManagerA, "period=2032-05");
        manager.Total.Pipeline.Should().Be(Cny(70m));
        manager.Teams.Should().ContainSingle().Which.TeamId.Should().Be(w.TeamA);
        (await Forecast(w.Admin, "period=2032-05")).Total.Pipeline.Should().Be(Cny(150m));
        (await Forecast(w.Analyst, "period=2032-05")).Total.Pipeline.Should().Be(Cny(150m));

        // Asking for another team or rep gives nothing of theirs, in the figures and behind them.
        (await Forecast(w.RepB1, $"period=2032-05&teamId={w.TeamA}")).Total.Pipeline.Should().Be(Cny(0m));
        (await Forecast(w.ManagerA, $"period=2032-05&userId={w.RepB1Id}")).Teams.Should().BeEmpty();
        (await Behind(w.RepA1, $"period=2032-05&measure=pipeline&userId={w.RepA2Id}")).Items.Should().BeEmpty();
        (await Behind(w.ManagerA, "period=2032-05&measure=pipeline")).Items.Select(i => i.Amount.Amount).Should().BeEquivalentTo([10m, 20m, 40m]);
    }

    [Fact]
    public async Task Every_figure_links_to_the_opportunities_behind_it()
    {
        var w = await Build();
        await data.Add(w.RepA1Id, w.TeamA, 11.11m, 10, expectedClose: new(2033, 7, 1));
        await data.Add(w.RepA1Id, w.TeamA, 22.22m, 60, category: ForecastCategory.BestCase, expectedClose: new(2033, 8, 1));
        await data.Add(w.RepA2Id, w.TeamA, 33.33m, 90, category: ForecastCategory.Commit, expectedClose: new(2033, 9, 1));
        await data.Add(w.RepA2Id, w.TeamA, 44.44m, 100, OpportunityStatus.Won, closedAt: new(2033, 8, 15, 2, 0, 0, DateTimeKind.Utc));
        var forecast = await Forecast(w.ManagerA, "period=2033Q3");
        var scopes = new List<(string Query, ForecastFigures Figures)> { ("", forecast.Total) };
        foreach (var team in forecast.Teams)
        {
            scopes.Add(($"&teamId={team.TeamId}", team.Figures));
            scopes.AddRange(team.Reps.Select(r => ($"&teamId={team.TeamId}&userId={r.UserId}", r.Figures)));
        }
        foreach (var (query, f) in scopes)
        {
            async Task<IReadOnlyList<ForecastOpportunityDto>> Items(string measure) =>
                (await Behind(w.ManagerA, $"period=2033Q3&measure={measure}{query}")).Items;
            static Money Sum(IEnumerable<ForecastOpportunityDto> items) => items.Aggregate(Money.Of(0m), (s, i) => s + i.Amount);
            var pipeline = await Items("pipeline");
            (Sum(pipeline), pipeline.Count).Should().Be((f.Pipeline, f.OpenCount), query);
            (await Items("weighted")).Sum(i => i.Amount.MinorUnits * (decimal)i.Probability / 100m / 100m).Should().Be(f.WeightedExact, query);
            var bestCase = await Items("bestCase");
            (Sum(bestCase), bestCase.Count).Should().Be((f.BestCase, f.BestCaseCount), query);
            var commit = await Items("commit");
            (Sum(commit), commit.Count).Should().Be((f.Commit, f.CommitCount), query);
            var won = await Items("closedWon");
            (Sum(won), won.Count).Should().Be((f.ClosedWon, f.WonCount), query);
        }
        forecast.Total.Pipeline.Should().Be(Cny(66.66m));
        forecast.Total.ClosedWon.Should().Be(Cny(44.44m));
    }

    [Fact]
    public async Task Random_opportunities_sum_exactly_as_computed_by_hand()
    {
        var w = await Build();
        var random = new Random(2034);
        var owners = new[] { (w.RepA1Id, w.TeamA), (w.RepA2Id, w.TeamA), (w.RepB1Id, w.TeamB), (w.RepA1Id, w.TeamB) };
        var made = new List<(Guid Owner, Guid Team, long Minor, int Probability, OpportunityStatus Status, ForecastCategory Category)>();
        for (var i = 0; i < 60; i++)
        {
            var (owner, team) = owners[random.Next(owners.Length)];
            var minor = random.NextInt64(0, 1_000_000_000_00);
            var probability = random.Next(0, 101);
            var status = (OpportunityStatus)random.Next(0, 3);
            var category = (ForecastCategory)random.Next(0, 3);
            await data.Add(owner, team, minor / 100m, probability, status, category, new DateOnly(2034, 1 + random.Next(3), 1 + random.Next(28)),
                status == OpportunityStatus.Open ? null : new DateTime(2034, 2, 1 + random.Next(27), 4, 0, 0, DateTimeKind.Utc));
            made.Add((owner, team, minor, probability, status, category));
        }
        var forecast = await Forecast(w.Admin, "period=2034Q1");
        foreach (var team in forecast.Teams.Append(new ForecastTeam(null, "", forecast.Total, [])))
        {
            var mine = made.Where(m => team.TeamId is null || m.Team == team.TeamId).ToList();
            var open = mine.Where(m => m.Status == OpportunityStatus.Open).ToList();
            team.Figures.Pipeline.MinorUnits.Should().Be(open.Sum(m => m.Minor));
            team.Figures.WeightedExact.Should().Be(open.Sum(m => (decimal)m.Minor * m.Probability) / 10_000m);
            team.Figures.Weighted.MinorUnits.Should().Be((long)Math.Round(open.Sum(m => (decimal)m.Minor * m.Probability) / 100m, MidpointRounding.AwayFromZero));
            team.Figures.BestCase.MinorUnits.Should().Be(open.Where(m => m.Category != ForecastCategory.Pipeline).Sum(m => m.Minor));
            team.Figures.Commit.MinorUnits.Should().Be(open.Where(m => m.Category == ForecastCategory.Commit).Sum(m => m.Minor));
            team.Figures.ClosedWon.MinorUnits.Should().Be(mine.Where(m => m.Status == OpportunityStatus.Won).Sum(m => m.Minor));
            team.Figures.Weighted.Should().BeLessThanOrEqualTo(team.Figures.Pipeline);
        }
    }

    [Fact]
    public async Task Bad_periods_currencies_and_measures_are_field_errors()
    {
        var w = await Build();
        foreach (var query in new[] { "", "period=2026-13", "period=2026Q5", "period=26Q1", "period=2026-1", "period=<script>", "period=1999-01" })
        {
            var response = await w.Admin.GetAsync("/api/forecast?" + query);
            await response.ShouldBe(400);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"period\"");
        }
        await (await w.Admin.GetAsync("/api/forecast?period=2026Q4&currency=XXX")).ShouldBe(400);
        foreach (var measure in new[] { "", "lost", "7", "pipeline,commit" })
        {
            var response = await w.Admin.GetAsync($"/api/forecast/opportunities?period=2026Q4&measure={measure}");
            await response.ShouldBe(400);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"measure\"");
        }
    }
}

public sealed class ForecastApiTestsOnSqlite(SqliteApp app) : ForecastApiTests(app), IClassFixture<SqliteApp>;
public sealed class ForecastApiTestsOnPostgres(PostgresApp app) : ForecastApiTests(app), IClassFixture<PostgresApp>;
