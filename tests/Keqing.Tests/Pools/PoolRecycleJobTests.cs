using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Features;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// The recycle job on both providers: its set-based SQL moves exactly the customers the pure rules say (locked, won and
/// spared ones stay), warns each owner once, writes history and timeline rows, clears the owner, runs again without
/// effect, and two runs at once move each customer once.
/// </summary>
public abstract class PoolRecycleJobTests(ClockedKeqingApp app)
{
    private async Task<RecycleOutcome?> RunJob() => await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);

    [Fact]
    public async Task The_job_moves_and_warns_exactly_as_the_rules_decide_then_does_nothing_more()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, won: 90, spare: true, notice: 5),
            new { grade = (string?)null, daysWithoutFollowUp = 60, daysWithoutWonDeal = (int?)null, spareOpenOpportunities = false, noticeDays = 0 }]);
        var rules = new Dictionary<string, RecycleRule> { ["A"] = new(30, 90, true, 5), [""] = new(60, null, false, 0) };
        var opportunities = new OpportunityData(app);
        var now = world.Now;
        var random = new Random(17);
        var cases = new List<(Guid Id, CustomerFacts Facts)>();
        for (var i = 0; i < 48; i++)
        {
            var grade = random.Next(3) == 0 ? (CustomerGrade?)null : CustomerGrade.A;
            var age = random.Next(0, 150) + random.Next(0, 24) / 24.0;
            DateTime? followUp = random.Next(3) == 0 ? null : now.AddDays(-random.Next(0, 100)).AddHours(-random.Next(0, 24));
            var locked = random.Next(8) == 0;
            var won = random.Next(8) == 0;
            var open = random.Next(4) == 0;
            var id = await world.Customer(age, grade, followUpAt: followUp, locked: locked);
            if (won) await opportunities.Add(world.Rep.Id, world.Team.Id, 1000m, status: OpportunityStatus.Won, closedAt: now.AddDays(-200), customerId: id);
            if (open) await opportunities.Add(world.Rep.Id, world.Team.Id, 1000m, customerId: id);
            cases.Add((id, new CustomerFacts(grade, locked, won, open, await world.Db(db => db.Set<Customer>().Where(c => c.Id == id).Select(c => c.CreatedAt).SingleAsync()),
                followUp)));
        }
        var expected = cases.ToDictionary(c => c.Id, c => RecycleRules.Decide(c.Facts, rules[c.Facts.Grade is { } g ? Enum.GetName(g)! : ""], now));
        expected.Values.OfType<RecycleDecision.RecycleNow>().Should().NotBeEmpty();
        expected.Values.OfType<RecycleDecision.Warn>().Should().NotBeEmpty();

        var outcome = await RunJob();
        outcome.Should().NotBeNull();

        foreach (var (id, decision) in expected)
        {
            var state = await world.State(id);
            var moves = await world.Moves(id);
            if (decision is RecycleDecision.RecycleNow now_)
            {
                state!.PoolId.Should().Be(world.Pool.Id);
                state.Reason.Should().Be(MoveReasons.Of(now_.Reason));
                (await world.OwnerOf(id)).Should().Be(Guid.Empty);
                moves.Should().ContainSingle().Which.Should().Match<PoolMove>(m => m.Kind == MoveKind.Recycled && m.FromOwnerId == world.Rep.Id
                    && m.PoolId == world.Pool.Id && m.ByUserId == null && m.Reason == MoveReasons.Of(now_.Reason));
                (await world.PoolTimelineEntries(id)).Should().Be(1);
            }
            else
            {
                state?.PoolId.Should().BeNull();
                (await world.OwnerOf(id)).Should().Be(world.Rep.Id);
                moves.Should().BeEmpty();
            }
            var warnings = await world.Db(db => db.Set<PoolWarning>().AsNoTracking().Where(w => w.CustomerId == id).ToListAsync());
            if (decision is RecycleDecision.Warn warn) warnings.Should().ContainSingle().Which.DueAt.Should().Be(warn.DueAt);
            else warnings.Should().BeEmpty();
        }
        var notices = await world.Db(db => db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == world.Rep.Id && n.EventType == EventTypes.CustomerPoolWarning).ToListAsync());
        notices.Should().ContainSingle().Which.Body.Should().Contain(expected.Values.OfType<RecycleDecision.Warn>().Count().ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A second run finds nothing to do: nobody moves twice, nobody is warned twice.
        var again = await RunJob();
        again!.Moved.Should().Be(0);
        foreach (var (id, decision) in expected.Where(e => e.Value is RecycleDecision.RecycleNow))
            (await world.Moves(id)).Should().ContainSingle();
        (await world.Db(db => db.Set<Notification>().CountAsync(n => n.UserId == world.Rep.Id && n.EventType == EventTypes.CustomerPoolWarning))).Should().Be(1);
    }

    [Fact]
    public async Task A_customer_in_two_pools_reach_is_warned_once_for_the_older_pool()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 5)]);
        var admin = await app.AdminClient();
        // A second pool reaches the same rep's customers (as a user member) with a rule due a day earlier.
        await (await admin.PostAsJsonAsync("/api/pools", new
        {
            name = ApiHelpers.Unique("华东二号公海"), dailyClaimQuota = 5, reclaimWaitDays = 30,
            members = new object[] { new { userId = world.Rep.Id } },
            rules = new[] { PoolWorld.RuleA(followUp: 29, notice: 5) },
        }, ApiHelpers.Json)).ShouldBe(201);
        var customer = await world.Customer(27); // due in 3 days by the first pool's rule, in 2 by the second's

        (await RunJob()).Should().NotBeNull();

        var created = await world.Db(db => db.Set<Customer>().Where(c => c.Id == customer).Select(c => c.CreatedAt).SingleAsync());
        var warnings = await world.Db(db => db.Set<PoolWarning>().AsNoTracking().Where(w => w.CustomerId == customer).ToListAsync());
        warnings.Should().ContainSingle().Which.Should().Match<PoolWarning>(w => w.PoolId == world.Pool.Id && w.DueAt == created.AddDays(30));
    }

    [Fact]
    public async Task Two_runs_at_once_move_each_customer_once()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 10, notice: 0)]);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++) ids.Add(await world.Customer(20 + i));

        async Task<RecycleOutcome> Run()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RecycleCustomers>().Run(default);
        }
        var outcomes = await Task.WhenAll(Run(), Run());

        foreach (var id in ids) (await world.Moves(id)).Should().ContainSingle();
        foreach (var id in ids) (await world.PoolTimelineEntries(id)).Should().Be(1);
        outcomes.Sum(o => o.Moved).Should().BeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task The_former_owner_loses_the_customer_members_see_it_in_the_pool_without_notes_and_outsiders_see_nothing()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var lastCall = world.Now.AddDays(-45);
        var id = await world.Customer(100, followUpAt: lastCall);
        await RunJob();

        var rep = await world.As(world.Rep);
        await (await rep.GetAsync($"/api/customers/{id}")).ShouldBe(404);
        var member = await world.As(world.Rep2);
        await (await member.GetAsync($"/api/customers/{id}")).ShouldBe(404);
        var listed = (await world.PoolCustomers(member)).Should().ContainSingle(c => c.CustomerId == id).Subject;
        listed.Reason.Should().Be(MoveReasons.NoFollowUp);
        listed.LastFollowUpAt.Should().Be(lastCall);
        listed.Province.Should().Be("上海");
        var raw = await (await member.GetAsync($"/api/pools/{world.Pool.Id}/customers")).Content.ReadAsStringAsync();
        raw.Should().NotContain("私密备注");

        var outsider = await world.As(world.Outsider);
        await (await outsider.GetAsync($"/api/pools/{world.Pool.Id}/customers")).ShouldBe(404);
        await (await outsider.GetAsync($"/api/pools/{world.Pool.Id}")).ShouldBe(404);
        await (await (await app.AdminClient()).GetAsync($"/api/customers/{id}")).ShouldBe(200);
    }

    [Fact]
    public async Task The_sql_names_the_other_modules_tables_and_columns_as_their_models_map_them()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<KeqingDb>().Model;
        void Has<T>(string table, params string[] columns)
        {
            var entity = model.FindEntityType(typeof(T))!;
            entity.GetTableName().Should().Be(table);
            foreach (var column in columns) entity.GetProperties().Select(p => p.GetColumnName()).Should().Contain(column);
        }
        Has<Customer>(ForeignTables.Customers, "Id", "OwnerId", "TeamId", "Grade", "CreatedAt", "ArchivedAt", "Name", "Province", "City", "Industry", "Version", "UpdatedAt");
        Has<Interaction>(ForeignTables.Interactions, "CustomerId", "OccurredAt");
        Has<Opportunity>(ForeignTables.Opportunities, "CustomerId", "Status", "ArchivedAt");
        Enum.GetName(OpportunityStatus.Open).Should().Be(ForeignTables.OpportunityOpen);
        Enum.GetName(OpportunityStatus.Won).Should().Be(ForeignTables.OpportunityWon);
    }
}

public sealed class PoolRecycleJobTestsOnSqlite(SqliteClockedApp app) : PoolRecycleJobTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PoolRecycleJobTestsOnPostgres(PostgresClockedApp app) : PoolRecycleJobTests(app), IClassFixture<PostgresClockedApp>;
