using System.Net.Http.Json;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Jobs;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// Record access around the pools, on both providers: a pool is seen and claimed from by its members (by name or by
/// team) and assigned from by its administrators, who need manage nobody; everyone else gets 404, also after being
/// taken off the pool; a customer in a pool is nobody's to open; the one who claims it reads its whole history and every
/// move on its timeline, and the former owner no longer does.
/// </summary>
public abstract class PoolAccessTests(ClockedKeqingApp app)
{
    private async Task RunJob() => await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, ApiHelpers.Json);

    [Fact]
    public async Task Members_claim_administrators_assign_without_managing_anyone_and_everyone_else_gets_404()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 300, notice: 0)]);
        var admin = await app.AdminClient();
        // A second pool: the second rep a member by name, a rep of another team its administrator; the team is no member.
        var members = new object[] { new { userId = world.Rep2.Id }, new { userId = world.Outsider.Id, administrator = true } };
        var created = await Post(admin, "/api/pools", new
        {
            name = ApiHelpers.Unique("华北公海"), dailyClaimQuota = 5, reclaimWaitDays = 0, members, rules = new[] { PoolWorld.RuleA(followUp: 300, notice: 0) },
        });
        await created.ShouldBe(201);
        var pool = await created.Read<PoolDto>();
        var x = await world.Customer(1);
        var y = await world.Customer(2);
        var z = await world.Customer(3);
        var rep = await world.As(world.Rep);
        foreach (var id in new[] { x, y, z })
            await (await Post(rep, $"/api/customers/{id}/release", new { poolId = pool.Id, reason = "转给华北团队" })).ShouldBe(200);

        var member = await world.As(world.Rep2);
        var poolAdmin = await world.As(world.Outsider);
        var manager = await world.As(world.Manager);
        foreach (var reader in new[] { member, poolAdmin })
            (await reader.GetStringAsync($"/api/pools/{pool.Id}/customers?limit=200")).Should().Contain(x.ToString()).And.Contain(y.ToString());
        foreach (var stranger in new[] { rep, manager })
        {
            await (await stranger.GetAsync($"/api/pools/{pool.Id}")).ShouldBe(404);
            await (await stranger.GetAsync($"/api/pools/{pool.Id}/customers")).ShouldBe(404);
            await (await Post(stranger, $"/api/pools/{pool.Id}/claim", new { customerIds = new[] { x } })).ShouldBe(404);
            await (await Post(stranger, $"/api/pools/{pool.Id}/assign", new { customerIds = new[] { x }, userId = world.Rep.Id })).ShouldBe(404);
        }
        // In the pool a customer is nobody's: neither its former owner, their manager, a member nor the pool's administrator opens it.
        foreach (var client in new[] { rep, manager, member, poolAdmin }) await (await client.GetAsync($"/api/customers/{x}")).ShouldBe(404);

        // A plain member claims but does not assign; the administrator assigns, though they manage nobody.
        await (await Post(member, $"/api/pools/{pool.Id}/assign", new { customerIds = new[] { y }, userId = world.Rep2.Id })).ShouldBe(403);
        await (await Post(member, $"/api/pools/{pool.Id}/claim", new { customerIds = new[] { y } })).ShouldBe(200);
        await (await Post(poolAdmin, $"/api/pools/{pool.Id}/assign", new { customerIds = new[] { x }, userId = world.Rep.Id })).ShouldBe(200);
        (await world.OwnerOf(x)).Should().Be(world.Rep.Id);
        await (await rep.GetAsync($"/api/customers/{x}")).ShouldBe(200);
        await (await manager.GetAsync($"/api/customers/{x}")).ShouldBe(200); // back in the team the manager manages
        await (await member.GetAsync($"/api/customers/{y}")).ShouldBe(200);
        foreach (var id in new[] { x, y }) await (await poolAdmin.GetAsync($"/api/customers/{id}")).ShouldBe(404); // assigning gives no access

        // Taken off the pool, the member is a stranger to it.
        var current = await (await admin.GetAsync($"/api/pools/{pool.Id}")).Read<PoolDto>();
        await (await admin.PutWithVersion($"/api/pools/{pool.Id}", current.Version, new
        {
            name = current.Name, dailyClaimQuota = 5, reclaimWaitDays = 0, members = new object[] { new { userId = world.Outsider.Id, administrator = true } },
            rules = new[] { PoolWorld.RuleA(followUp: 300, notice: 0) },
        })).ShouldBe(200);
        await (await member.GetAsync($"/api/pools/{pool.Id}/customers")).ShouldBe(404);
        await (await Post(member, $"/api/pools/{pool.Id}/claim", new { customerIds = new[] { z } })).ShouldBe(404);
    }

    [Fact]
    public async Task The_claimant_reads_the_customers_whole_history_with_every_move_and_the_former_owner_no_longer_does()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)], wait: 10);
        var id = await world.Customer(100);
        var rep = await world.As(world.Rep);
        var call = await rep.Log(id, "介绍新款设备", at: world.Now.AddDays(-45));
        await RunJob();
        (await world.OwnerOf(id)).Should().Be(Guid.Empty);

        var rep2 = await world.As(world.Rep2);
        await (await Post(rep2, $"/api/pools/{world.Pool.Id}/claim", new { customerIds = new[] { id } })).ShouldBe(200);
        var timeline = (await rep2.Timeline(id)).Items;
        timeline.Should().Contain(e => e.Title.Contains("介绍新款设备") || e.SourceId == call.Id, "the former owner's follow-up comes with the customer");
        // Both moves, each naming the pool. (The recycled entry's title is written in the culture the job runs under:
        // run outside a request, as here and by the job service, that is not zh-CN; see the session's report.)
        var moves = timeline.Where(e => e.SourceModule == "pools").Select(e => e.Title).ToList();
        moves.Should().HaveCount(2).And.OnlyContain(t => t.Contains(world.Pool.Name)).And.Contain($"从公海「{world.Pool.Name}」领取");
        await (await rep2.GetAsync($"/api/interactions/{call.Id}")).ShouldBe(200);

        await (await rep.GetAsync($"/api/customers/{id}/timeline")).ShouldBe(404);
        await (await rep.GetAsync($"/api/interactions/{call.Id}")).ShouldBe(404);
    }
}

public sealed class PoolAccessTestsOnSqlite(SqliteClockedApp app) : PoolAccessTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PoolAccessTestsOnPostgres(PostgresClockedApp app) : PoolAccessTests(app), IClassFixture<PostgresClockedApp>;
