using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// The recycle job's due sets (issue 17's speed) on both providers, with the clock moving: the index bounds it keeps
/// per customer follow a follow-up logged after a run, pick up a customer created after a run, and never hide a
/// customer that is due: each returns to the pool exactly when the rules say.
/// </summary>
public abstract class RecycleDueSetsTests(ClockedKeqingApp app)
{
    private async Task<int> Run() => (await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default))!.Moved;

    [Fact]
    public async Task A_customer_followed_up_after_a_run_returns_when_its_new_clock_runs_out_and_a_new_customer_is_found()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var followed = await world.Customer(20);
        await Run();
        var first = await world.State(followed);
        first!.PoolId.Should().BeNull();
        first.FollowUpFrom.Should().Be(world.Now.AddDays(-20));

        var call = world.Now;
        await FollowUp(world, followed, call);
        app.Clock.Advance(TimeSpan.FromDays(15));
        var late = await world.Customer(40);
        await Run();
        (await world.State(followed))!.PoolId.Should().BeNull();
        (await world.State(followed))!.FollowUpFrom.Should().Be(call);
        (await world.State(late))!.PoolId.Should().Be(world.Pool.Id);

        app.Clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromMinutes(1));
        await Run();
        (await world.State(followed))!.PoolId.Should().BeNull();
        (await world.OwnerOf(followed)).Should().Be(world.Rep.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Run();
        var moved = await world.State(followed);
        moved!.PoolId.Should().Be(world.Pool.Id);
        moved.Reason.Should().Be(MoveReasons.NoFollowUp);
        (await world.Moves(followed)).Should().ContainSingle();
        (await Run()).Should().Be(0);
    }

    private static Task FollowUp(PoolWorld world, Guid customerId, DateTime at) => world.Db(async db =>
    {
        db.Add(new Interaction
        {
            CustomerId = customerId, Channel = InteractionChannel.Call, Direction = InteractionDirection.Outbound, OccurredAt = at,
            Subject = "电话回访", UserId = world.Rep.Id, TeamId = world.Rep.TeamId, CreatedAt = at, UpdatedAt = at,
        });
        return await db.SaveChangesAsync();
    });
}

public sealed class RecycleDueSetsTestsOnSqlite(SqliteClockedApp app) : RecycleDueSetsTests(app), IClassFixture<SqliteClockedApp>;
public sealed class RecycleDueSetsTestsOnPostgres(PostgresClockedApp app) : RecycleDueSetsTests(app), IClassFixture<PostgresClockedApp>;
