using System.Net.Http.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Jobs;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// Pools through the HTTP API on both providers: setup with If-Match and field errors; claiming within the quota and
/// after the reclaim wait; assignment by pool administrators only; release by the owner; lock and unlock by the
/// manager; every move as history and a timeline entry.
/// </summary>
public abstract class PoolsApiTests(ClockedKeqingApp app)
{
    private async Task RunJob() => await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, ApiHelpers.Json);

    private static async Task<string> Problem(HttpResponseMessage response, int status)
    {
        await response.ShouldBe(status);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail ?? "";
    }

    [Fact]
    public async Task An_admin_sets_up_a_pool_under_if_match_and_hears_of_every_bad_field()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var admin = await app.AdminClient();
        var bad = await Post(admin, "/api/pools", new
        {
            name = "", dailyClaimQuota = -1, reclaimWaitDays = 400,
            members = new object[] { new { userId = world.Rep.Id, teamId = world.Team.Id }, new { userId = Guid.NewGuid() } },
            rules = new object[] { PoolWorld.RuleA(followUp: 10, notice: 10), new { grade = "A", daysWithoutFollowUp = (int?)null, daysWithoutWonDeal = (int?)null } },
        });
        await bad.ShouldBe(400);
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        errors.Keys.Should().Contain(["name", "dailyClaimQuota", "reclaimWaitDays", "members[0]", "members[1].userId", "rules[0].noticeDays", "rules[1].grade", "rules[1]"]);

        var rep = await world.As(world.Rep);
        await (await Post(rep, "/api/pools", new { name = "x", dailyClaimQuota = 1, reclaimWaitDays = 1 })).ShouldBe(403);
        (await rep.GetFromJsonAsync<List<PoolDto>>("/api/pools", ApiHelpers.Json))!.Select(p => p.Id).Should().Contain(world.Pool.Id);
        var outsider = await world.As(world.Outsider);
        (await outsider.GetFromJsonAsync<List<PoolDto>>("/api/pools", ApiHelpers.Json))!.Select(p => p.Id).Should().NotContain(world.Pool.Id);

        var url = $"/api/pools/{world.Pool.Id}";
        var change = new { name = "华南公海", dailyClaimQuota = 8, reclaimWaitDays = 15, members = new object[] { new { teamId = world.Team.Id } },
            rules = new object[] { PoolWorld.RuleA(followUp: 20, won: 60, notice: 3), new { grade = (string?)null, daysWithoutFollowUp = 45, noticeDays = 0 } } };
        await (await admin.PutWithVersion(url, null, change)).ShouldBe(428);
        await (await admin.PutWithVersion(url, world.Pool.Version + 5, change)).ShouldBe(412);
        var updated = await admin.PutWithVersion(url, world.Pool.Version, change);
        await updated.ShouldBe(200);
        var pool = await updated.Read<PoolDto>();
        (pool.Name, pool.DailyClaimQuota, pool.ReclaimWaitDays, pool.Members.Count, pool.Rules.Count).Should().Be(("华南公海", 8, 15, 1, 2));
        pool.Version.Should().BeGreaterThan(world.Pool.Version);
        pool.Rules.Should().ContainSingle(r => r.Grade == null).Which.DaysWithoutFollowUp.Should().Be(45);
    }

    [Fact]
    public async Task Members_claim_within_the_daily_quota_and_a_lost_customer_only_after_the_wait()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)], quota: 2, wait: 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(await world.Customer(60 + i));
        await RunJob();
        var claim = (HttpClient c, params Guid[] which) => Post(c, $"/api/pools/{world.Pool.Id}/claim", new { customerIds = which });

        var former = await world.As(world.Rep);
        (await Problem(await claim(former, ids[0]), 409)).Should().Contain("你在").And.Contain("起才能再次领取");
        var rep2 = await world.As(world.Rep2);
        (await Problem(await claim(rep2, ids[1], ids[2], ids[3]), 409)).Should().Contain("每天最多可领取 2 个客户");
        await (await claim(rep2, ids[1], ids[2])).ShouldBe(200);
        await (await rep2.GetAsync($"/api/customers/{ids[1]}")).ShouldBe(200);
        (await world.OwnerOf(ids[1])).Should().Be(world.Rep2.Id);
        (await Problem(await claim(rep2, ids[3]), 409)).Should().Contain("今天还能领取 0 个");
        (await Problem(await claim(rep2, ids[1]), 409)).Should().Contain("已不在该公海");
        await (await claim(await world.As(world.Outsider), ids[3])).ShouldBe(404);
        await (await Post(rep2, $"/api/pools/{world.Pool.Id}/claim", new { customerIds = Array.Empty<Guid>() })).ShouldBe(400);

        app.Clock.Advance(TimeSpan.FromDays(10));
        former = await world.As(world.Rep);
        await (await claim(former, ids[0])).ShouldBe(200);
        (await world.OwnerOf(ids[0])).Should().Be(world.Rep.Id);

        var history = await world.Moves(ids[1]);
        history.Select(m => m.Kind).Should().Equal(MoveKind.Recycled, MoveKind.Claimed);
        history[1].ToOwnerId.Should().Be(world.Rep2.Id);
        (await world.PoolTimelineEntries(ids[1])).Should().Be(2);
        (await world.State(ids[1]))!.OwnedSince.Should().NotBeNull();
        (await world.PoolCustomers(await world.As(world.Rep2))).Select(c => c.CustomerId).Should().Contain(ids[3]).And.NotContain(ids[1]);
    }

    [Fact]
    public async Task Only_pool_administrators_and_admins_assign_from_a_pool()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var a = await world.Customer(90);
        var b = await world.Customer(91);
        await RunJob();
        var assign = (HttpClient c, Guid id, Guid? user) => Post(c, $"/api/pools/{world.Pool.Id}/assign", new { customerIds = new[] { id }, userId = user });

        await (await assign(await world.As(world.Rep2), a, world.Rep2.Id)).ShouldBe(403);
        var manager = await world.As(world.Manager);
        (await assign(manager, a, Guid.NewGuid())).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        await (await assign(manager, a, world.Rep2.Id)).ShouldBe(200);
        (await world.OwnerOf(a)).Should().Be(world.Rep2.Id);
        await (await assign(await app.AdminClient(), b, world.Rep.Id)).ShouldBe(200);
        (await world.Moves(b)).Last().Should().Match<PoolMove>(m => m.Kind == MoveKind.Assigned && m.ToOwnerId == world.Rep.Id);
        (await world.PoolTimelineEntries(a)).Should().Be(2);
    }

    [Fact]
    public async Task The_owner_releases_a_customer_with_a_reason_and_nobody_else_may()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 300, notice: 0)]);
        var id = await world.Customer(1);
        var url = $"/api/customers/{id}/release";

        var bad = await Post(await world.As(world.Rep), url, new { poolId = (Guid?)null, reason = " " });
        await bad.ShouldBe(400);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Should().Contain(["poolId", "reason"]);
        await (await Post(await world.As(world.Rep2), url, new { poolId = world.Pool.Id, reason = "不是我的" })).ShouldBe(404);
        await (await Post(await world.As(world.Manager), url, new { poolId = world.Pool.Id, reason = "经理代退" })).ShouldBe(403);

        var rep = await world.As(world.Rep);
        await (await Post(rep, url, new { poolId = world.Pool.Id, reason = "客户已转向竞品" })).ShouldBe(200);
        await (await rep.GetAsync($"/api/customers/{id}")).ShouldBe(404);
        var listed = (await world.PoolCustomers(await world.As(world.Rep2))).Should().ContainSingle(c => c.CustomerId == id).Subject;
        (listed.Reason, listed.ReasonNote).Should().Be((MoveReasons.Released, "客户已转向竞品"));
        (await world.Moves(id)).Should().ContainSingle().Which.Should().Match<PoolMove>(m => m.Kind == MoveKind.Released && m.FromOwnerId == world.Rep.Id);
        (await world.PoolTimelineEntries(id)).Should().Be(1);
    }

    [Fact]
    public async Task A_manager_locks_a_customer_so_no_rule_moves_it_and_unlocks_it()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var id = await world.Customer(80);
        var rep = await world.As(world.Rep);
        await (await rep.PostAsync($"/api/customers/{id}/lock", null)).ShouldBe(403);
        await (await (await world.As(world.Outsider)).PostAsync($"/api/customers/{id}/lock", null)).ShouldBe(404);
        var manager = await world.As(world.Manager);
        var locked = await manager.PostAsync($"/api/customers/{id}/lock", null);
        await locked.ShouldBe(200);
        (await locked.Read<CustomerPoolState>()).Locked.Should().BeTrue();

        await RunJob();
        (await world.OwnerOf(id)).Should().Be(world.Rep.Id);
        (await Problem(await Post(rep, $"/api/customers/{id}/release", new { poolId = world.Pool.Id, reason = "不想跟了" }), 409)).Should().Contain("已锁定");
        (await rep.GetFromJsonAsync<CustomerPoolState>($"/api/customers/{id}/pool-state", ApiHelpers.Json))!.Locked.Should().BeTrue();

        await (await manager.PostAsync($"/api/customers/{id}/unlock", null)).ShouldBe(200);
        await RunJob();
        (await world.OwnerOf(id)).Should().Be(Guid.Empty);
        await (await manager.PostAsync($"/api/customers/{id}/lock", null)).ShouldBe(404);
        await (await (await app.AdminClient()).PostAsync($"/api/customers/{id}/lock", null)).ShouldBe(409);
    }
}

public sealed class PoolsApiTestsOnSqlite(SqliteClockedApp app) : PoolsApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PoolsApiTestsOnPostgres(PostgresClockedApp app) : PoolsApiTests(app), IClassFixture<PostgresClockedApp>;
