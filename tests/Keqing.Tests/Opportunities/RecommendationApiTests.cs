using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// Who should take the deal (DOMAIN S5) on both providers: every part of the score, shrinkage toward the team's win rate,
/// no other team's deals in the reasons, and the one-click assignment with its notification.
/// </summary>
public abstract class RecommendationApiTests(KeqingApp app)
{
    private readonly OpportunityData data = new(app);

    private sealed record World(HttpClient Admin, HttpClient ManagerA, HttpClient ManagerB, HttpClient RepA1, HttpClient RepA2,
        Guid TeamA, Guid TeamB, Guid RepA1Id, Guid RepA2Id, Guid RepB1Id, Guid CustomerId, Guid DealId);

    /// <summary>
    /// A 300,000-yuan deal (band 100,000–500,000) of rep A1 on a 医疗器械 customer of rep A2. Similar closed deals of the
    /// last 24 months: A1 won 3 and lost 1, A2 lost 1; B1 (team B) won 6; A2 won 2 while in team B (team B's deals).
    /// Not similar: another industry, another band, older than 24 months. A1 also won a bigger deal with this customer and has
    /// 2 open deals besides this one; A2 logged 2 contacts with the customer.
    /// </summary>
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
        var repA2Client = await app.ClientFor(repA2.Email);
        var industry = ApiHelpers.Unique("医疗器械");
        var customer = await CustomerApiTests.Create(repA2Client, new { kind = "organization", name = ApiHelpers.Unique("协和") + "医院", industry });
        var other = await CustomerApiTests.Create(repA2Client, new { kind = "organization", name = ApiHelpers.Unique("实验") + "中学", industry = "教育" });

        var recent = DateTime.UtcNow.AddMonths(-3);
        async Task Closed(Guid owner, Guid team, bool won, decimal amount = 200_000m, Guid? customerId = null, DateTime? at = null) =>
            await data.Add(owner, team, amount, won ? 100 : 0, won ? OpportunityStatus.Won : OpportunityStatus.Lost,
                closedAt: at ?? recent, customerId: customerId ?? customer.Id);
        for (var i = 0; i < 3; i++) await Closed(repA1.Id, teamA.Id, true);
        await Closed(repA1.Id, teamA.Id, false);
        await Closed(repA2.Id, teamA.Id, false);
        for (var i = 0; i < 6; i++) await Closed(repB1.Id, teamB.Id, true);
        for (var i = 0; i < 2; i++) await Closed(repA2.Id, teamB.Id, true);
        await Closed(repA1.Id, teamA.Id, false, customerId: other.Id);
        await Closed(repA1.Id, teamA.Id, false, amount: 600_000m, customerId: other.Id);
        await Closed(repA1.Id, teamA.Id, false, at: DateTime.UtcNow.AddMonths(-30));
        await Closed(repA1.Id, teamA.Id, true, amount: 1_000_000m);
        await data.Add(repA1.Id, teamA.Id, 50_000m, customerId: other.Id);
        await data.Add(repA1.Id, teamA.Id, 70_000.5m, customerId: other.Id);
        var deal = await data.Add(repA1.Id, teamA.Id, 300_000m, customerId: customer.Id);
        await repA2Client.Log(customer.Id, "拜访设备科");
        await repA2Client.Log(customer.Id, "电话跟进");

        return new World(admin, await app.ClientFor(managerA.Email), await app.ClientFor(managerB.Email), await app.ClientFor(repA1.Email),
            repA2Client, teamA.Id, teamB.Id, repA1.Id, repA2.Id, repB1.Id, customer.Id, deal);
    }

    private static async Task<RecommendationsDto> Recommend(HttpClient client, Guid dealId)
    {
        var response = await client.GetAsync($"/api/opportunities/{dealId}/recommended-reps");
        await response.ShouldBe(200);
        return await response.Read<RecommendationsDto>();
    }

    [Fact]
    public async Task A_manager_sees_their_reps_ranked_with_every_part_of_the_score()
    {
        var w = await Build();
        var result = await Recommend(w.ManagerA, w.DealId);
        result.Industry.Should().StartWith("医疗器械");
        (result.BandFrom.Amount, result.BandTo?.Amount, result.K, result.Months).Should().Be((100_000m, 500_000m, 5, 24));
        result.Reps.Select(r => r.UserId).Should().BeEquivalentTo([w.RepA1Id, w.RepA2Id], "only the reps of the manager's team");

        var a1 = result.Reps.Single(r => r.UserId == w.RepA1Id);
        var a2 = result.Reps.Single(r => r.UserId == w.RepA2Id);
        // Team A on similar deals: 3 won of 5 closed = 0.6 (B1's and A2's team-B deals are not team A's).
        (a1.Won, a1.Closed, a1.TeamWinRate).Should().Be((3, 4, 0.6m));
        (a2.Won, a2.Closed, a2.TeamWinRate).Should().Be((0, 1, 0.6m));
        a1.WinRate.Should().Be(Math.Round((3 + 5 * 0.6m) / (4 + 5), 4), "shrunk: (won + k·team) / (closed + k)");
        a2.WinRate.Should().Be(0.5m);
        (a1.WinPoints, a2.WinPoints).Should().Be((40m, 30m));
        // A1 won 4 deals with this customer (3 similar, 1 bigger): 12 of 10 is full history.
        (a1.Contacts, a1.WonWithCustomer, a1.HistoryPoints).Should().Be((0, 4, 25m));
        (a2.Contacts, a2.WonWithCustomer, a2.HistoryPoints).Should().Be((2, 0, 5m));
        (a1.OpenCount, a1.OpenAmount.Amount, a1.WorkloadPoints).Should().Be((2, 120_000.50m, 12.5m));
        (a2.OpenCount, a2.WorkloadPoints).Should().Be((0, 15m));
        a1.Score.Should().Be(a1.WinPoints + a1.HistoryPoints + a1.WorkloadPoints).And.Be(77.5m);
        a2.Score.Should().Be(50m);
        a1.IsOwner.Should().BeTrue();
        result.Reps.Select(r => r.UserId).Should().Equal(w.RepA1Id, w.RepA2Id);
    }

    [Fact]
    public async Task No_other_teams_deals_or_reps_reach_a_manager_but_an_admin_sees_all()
    {
        var w = await Build();
        var manager = await Recommend(w.ManagerA, w.DealId);
        manager.Reps.Should().NotContain(r => r.UserId == w.RepB1Id);
        manager.Reps.Single(r => r.UserId == w.RepA2Id).Won.Should().Be(0, "A2's wins were team B's deals");

        var admin = await Recommend(w.Admin, w.DealId);
        var b1 = admin.Reps.Single(r => r.UserId == w.RepB1Id);
        (b1.Won, b1.Closed).Should().Be((6, 6));
        admin.Reps.Single(r => r.UserId == w.RepA2Id).Won.Should().Be(2, "an admin's counts cover every team");

        await (await w.ManagerB.GetAsync($"/api/opportunities/{w.DealId}/recommended-reps")).ShouldBe(404);
        await (await w.RepA1.GetAsync($"/api/opportunities/{w.DealId}/recommended-reps")).ShouldBe(403);
    }

    [Fact]
    public async Task A_manager_assigns_with_one_call_and_the_new_owner_is_notified()
    {
        var w = await Build();
        await (await w.ManagerA.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { userId = w.RepB1Id })).ShouldBe(400);
        var missing = await w.ManagerA.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { });
        await missing.ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("\"userId\"");
        await (await w.RepA1.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { userId = w.RepA2Id })).ShouldBe(403);
        await (await w.ManagerB.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { userId = w.RepB1Id })).ShouldBe(404);

        await (await w.ManagerA.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { userId = w.RepA2Id })).ShouldBe(200);
        var after = await Recommend(w.ManagerA, w.DealId);
        after.Reps.Single(r => r.UserId == w.RepA2Id).IsOwner.Should().BeTrue();
        var inbox = await (await w.RepA2.GetAsync("/api/notifications")).Read<Page<NotificationDto>>();
        inbox.Items.Should().Contain(n => n.EventType == EventTypes.OpportunityAssigned && n.Link == $"/opportunities/{w.DealId}");

        // The admin gives it across teams; the team follows the owner, so manager A no longer sees it.
        await (await w.Admin.PostAsJsonAsync($"/api/opportunities/{w.DealId}/assign", new { userId = w.RepB1Id })).ShouldBe(200);
        await (await w.ManagerA.GetAsync($"/api/opportunities/{w.DealId}/recommended-reps")).ShouldBe(404);
        (await Recommend(w.ManagerB, w.DealId)).Reps.Single(r => r.UserId == w.RepB1Id).IsOwner.Should().BeTrue();
    }
}

public sealed class RecommendationApiTestsOnSqlite(SqliteApp app) : RecommendationApiTests(app), IClassFixture<SqliteApp>;
public sealed class RecommendationApiTestsOnPostgres(PostgresApp app) : RecommendationApiTests(app), IClassFixture<PostgresApp>;
