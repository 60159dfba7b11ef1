using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Features;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// The recycle job writes its timeline entries in one bulk write (<see cref="ITimelinePublisher.PublishMany"/>), on both
/// providers: exactly one entry per moved customer, naming the pool and the reason, pointing at its move, and none for
/// the customers that stay; and a bulk entry reads back exactly as one published the tracked way.
/// </summary>
public abstract class RecycleTimelineTests(ClockedKeqingApp app)
{
    [Fact]
    public async Task A_run_puts_each_moved_customer_on_its_timeline_once_with_its_reason_and_nobody_else()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, won: 90, spare: false, notice: 0)]);
        var noFollowUp = new List<Guid>();
        var noWonDeal = new List<Guid>();
        var staying = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            noFollowUp.Add(await world.Customer(40 + i));
            noWonDeal.Add(await world.Customer(100 + i, followUpAt: world.Now.AddDays(-5)));
            staying.Add(await world.Customer(10 + i));
        }
        staying.Add(await world.Customer(200, locked: true));

        var outcome = await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);
        outcome!.Moved.Should().BeGreaterThanOrEqualTo(6);

        var admin = await app.AdminClient();
        foreach (var (ids, reason) in new[] { (noFollowUp, MoveReasons.NoFollowUp), (noWonDeal, MoveReasons.NoWonDeal) })
            foreach (var id in ids)
            {
                var move = (await world.Moves(id)).Should().ContainSingle().Subject;
                move.Reason.Should().Be(reason);
                var entries = await world.Db(db => db.Set<TimelineEntry>().AsNoTracking().Where(e => e.CustomerId == id && e.SourceModule == PoolTimeline.Module).ToListAsync());
                var entry = entries.Should().ContainSingle().Subject;
                entry.SourceId.Should().Be(move.Id);
                entry.Type.Should().Be(PoolTimeline.Type);
                entry.OccurredAt.Should().Be(world.Now);
                entry.UserId.Should().BeNull();
                entry.Title.Should().Be(FieldErrors.Text("Returned to the pool {0}", world.Pool.Name));
                entry.Summary.Should().Be(PoolTimeline.ReasonText(reason));
                // As its readers see it: on the customer's timeline, newest first.
                (await admin.Timeline(id)).Items.Should().ContainSingle(e => e.SourceId == move.Id && e.Summary == PoolTimeline.ReasonText(reason));
            }
        foreach (var id in staying) (await world.PoolTimelineEntries(id)).Should().Be(0);

        // A second run adds nothing.
        await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);
        foreach (var id in noFollowUp.Concat(noWonDeal)) (await world.PoolTimelineEntries(id)).Should().Be(1);
    }

    [Fact]
    public async Task An_entry_published_in_bulk_reads_back_exactly_as_one_published_the_tracked_way()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var customer = await world.Customer(3);
        var at = new DateTime(2026, 11, 20, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        TimelineEntryInput Input(string module, Guid source, string? channel, DateTime? dueAt) => new(customer, at, "pool", channel, world.Rep.Id, world.Team.Id,
            "退回公海 华东", dueAt is null ? null : "已约回访", module, source, dueAt);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var publisher = scope.ServiceProvider.GetRequiredService<ITimelinePublisher>();
            await using var tx = await db.Database.BeginTransactionAsync();
            publisher.Publish(Input("tracked", Guid.NewGuid(), "call", at.AddDays(2)));
            publisher.Publish(Input("tracked", Guid.NewGuid(), null, null));
            await db.SaveChangesAsync();
            (await publisher.PublishMany([Input("bulk", Guid.NewGuid(), "call", at.AddDays(2)), Input("bulk", Guid.NewGuid(), null, null)], default)).Should().Be(2);
            (await publisher.PublishMany([], default)).Should().Be(0);
            await tx.CommitAsync();
        }

        // Found by the same typed comparisons (a Guid or a time stored in another text form would not match on SQLite).
        var found = await world.Db(db => db.Set<TimelineEntry>().AsNoTracking()
            .Where(e => e.CustomerId == customer && e.OccurredAt == at && e.UserId == world.Rep.Id && e.TeamId == world.Team.Id).ToListAsync());
        found.Should().HaveCount(4);
        object Shape(TimelineEntry e) => new { e.CustomerId, e.OccurredAt, e.Type, e.Channel, e.UserId, e.TeamId, e.Title, e.Summary, e.DueAt };
        found.Where(e => e.SourceModule == "bulk").Select(Shape).Should().BeEquivalentTo(found.Where(e => e.SourceModule == "tracked").Select(Shape));
        var withDue = found.Single(e => e.SourceModule == "bulk" && e.DueAt is not null);
        (await world.Db(db => db.Set<TimelineEntry>().CountAsync(e => e.Id == withDue.Id && e.SourceId == withDue.SourceId && e.DueAt == at.AddDays(2))))
            .Should().Be(1);
        (await (await app.AdminClient()).Timeline(customer)).Items.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_bulk_entry_with_a_control_character_is_refused_and_nothing_is_written()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var customer = await world.Customer(3);
        await using var scope = app.Services.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<ITimelinePublisher>();
        var ok = new TimelineEntryInput(customer, world.Now, "pool", null, null, null, "退回公海", null, "bulk", Guid.NewGuid());
        var bad = ok with { Title = "退回\u0007公海", SourceId = Guid.NewGuid() };
        var write = () => publisher.PublishMany([ok, bad], default);
        (await write.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("title");
        (await world.Db(db => db.Set<TimelineEntry>().CountAsync(e => e.CustomerId == customer))).Should().Be(0);
    }
}

public sealed class RecycleTimelineTestsOnSqlite(SqliteClockedApp app) : RecycleTimelineTests(app), IClassFixture<SqliteClockedApp>;
public sealed class RecycleTimelineTestsOnPostgres(PostgresClockedApp app) : RecycleTimelineTests(app), IClassFixture<PostgresClockedApp>;
