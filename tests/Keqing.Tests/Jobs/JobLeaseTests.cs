using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Jobs;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Jobs;

/// <summary>
/// The lease table on both providers, on a fake clock: a lease is taken once, renewed by its holder (and by its own
/// heartbeat), never taken from a holder before it expires, taken over after it expires (a dead node's), and a holder
/// that lost it learns so and does not give back the new holder's lease.
/// </summary>
public abstract class JobLeaseTests(ClockedKeqingApp app)
{
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(30);

    private JobLeases Leases => app.Services.GetRequiredService<JobLeases>();

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static string NewJob() => $"test.{Guid.NewGuid():N}";

    private async Task<JobLease?> Row(string job, Guid item)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<JobLease>().AsNoTracking()
            .SingleOrDefaultAsync(l => l.Job == job && l.Item == item);
    }

    /// <summary>A lease another node took and then died with (or stalled past).</summary>
    private async Task LeftByDeadNode(string job, Guid item, DateTime expiresAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        db.Add(new JobLease { Job = job, Item = item, Owner = "dead@node", AcquiredAt = expiresAt - Length, ExpiresAt = expiresAt });
        await db.SaveChangesAsync();
    }

    private async Task Expire(string job, Guid item)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var past = Now.AddSeconds(-1);
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<JobLease>().Where(l => l.Job == job && l.Item == item)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past));
    }

    [Fact]
    public async Task A_lease_is_held_by_one_holder_until_it_is_given_back()
    {
        var job = NewJob();
        var item = Guid.NewGuid();
        await using (var first = await Leases.TryAcquireAsync(job, item, Length, default))
        {
            first.Should().NotBeNull();
            (await Row(job, item))!.Should().BeEquivalentTo(new { first!.Owner, ExpiresAt = Now + Length });
            (await Leases.TryAcquireAsync(job, item, Length, default)).Should().BeNull("the first holder's lease has not expired");
            await using var other = await Leases.TryAcquireAsync(job, Guid.NewGuid(), Length, default);
            other.Should().NotBeNull("another item is another lease");
        }
        (await Row(job, item)).Should().BeNull("disposing gives the lease back");
        await using var second = await Leases.TryAcquireAsync(job, item, Length, default);
        second.Should().NotBeNull();
    }

    [Fact]
    public async Task Of_many_takers_at_once_exactly_one_gets_the_lease()
    {
        var job = NewJob();
        var taken = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Leases.TryAcquireAsync(job, Guid.Empty, Length, default))));
        taken.Count(l => l is not null).Should().Be(1);
        foreach (var lease in taken) if (lease is not null) await lease.DisposeAsync();
    }

    [Fact]
    public async Task A_dead_nodes_lease_is_not_taken_before_it_expires_and_is_taken_after()
    {
        var job = NewJob();
        var item = Guid.NewGuid();
        await LeftByDeadNode(job, item, Now.AddSeconds(10));
        (await Leases.TryAcquireAsync(job, item, Length, default)).Should().BeNull("the lease holds for 10 more seconds");
        await Expire(job, item);
        await using var taken = await Leases.TryAcquireAsync(job, item, Length, default);
        taken.Should().NotBeNull("the lease has expired");
        (await Row(job, item))!.Owner.Should().Be(taken!.Owner);
    }

    [Fact]
    public async Task Renewing_extends_the_lease_from_now()
    {
        var job = NewJob();
        await using var lease = await Leases.TryAcquireAsync(job, Guid.Empty, TimeSpan.FromMinutes(10), default);
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // well inside the heartbeat's period (a third of the length)
        (await lease!.RenewAsync(default)).Should().BeTrue();
        (await Row(job, Guid.Empty))!.ExpiresAt.Should().Be(Now + TimeSpan.FromMinutes(10));
        lease.Lost.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task The_heartbeat_renews_a_lease_while_the_work_runs()
    {
        var job = NewJob();
        await using var lease = await Leases.TryAcquireAsync(job, Guid.Empty, Length, default);
        // 45 seconds go by, a second at a time, past the 30 s the lease was taken for; the heartbeat renews it every 10 s.
        for (var second = 0; second < 45; second++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        (await Row(job, Guid.Empty))!.ExpiresAt.Should().BeAfter(Now);
        (await Leases.TryAcquireAsync(job, Guid.Empty, Length, default)).Should().BeNull("renewed, it has not expired");
        (await lease!.RenewAsync(default)).Should().BeTrue();
    }

    [Fact]
    public async Task An_expired_lease_is_lost_to_its_holder_even_before_anyone_takes_it()
    {
        var job = NewJob();
        await using var lease = await Leases.TryAcquireAsync(job, Guid.Empty, Length, default);
        await Expire(job, Guid.Empty);
        (await lease!.RenewAsync(default)).Should().BeFalse("no work may start under an expired lease");
        lease.Lost.IsCancellationRequested.Should().BeTrue();
        (await lease.RenewAsync(default)).Should().BeFalse("lost stays lost");
    }

    [Fact]
    public async Task A_holder_whose_lease_was_taken_over_learns_it_and_does_not_give_back_the_new_lease()
    {
        var job = NewJob();
        var item = Guid.NewGuid();
        var old = await Leases.TryAcquireAsync(job, item, Length, default);
        await Expire(job, item);
        await using var taker = await Leases.TryAcquireAsync(job, item, Length, default);
        taker.Should().NotBeNull();
        (await old!.RenewAsync(default)).Should().BeFalse();
        await old.DisposeAsync();
        (await Row(job, item))!.Owner.Should().Be(taker!.Owner, "the old holder's dispose leaves the new lease alone");
        (await taker.RenewAsync(default)).Should().BeTrue();
    }

    [Fact]
    public async Task Renewing_inside_a_transaction_that_rolls_back_leaves_the_lease_as_it_was()
    {
        var job = NewJob();
        await using var lease = await Leases.TryAcquireAsync(job, Guid.Empty, TimeSpan.FromMinutes(10), default);
        var before = (await Row(job, Guid.Empty))!.ExpiresAt;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await lease!.RenewAsync(db, default)).Should().BeTrue();
            await transaction.RollbackAsync();
        }
        (await Row(job, Guid.Empty))!.ExpiresAt.Should().Be(before);
    }

    [Fact]
    public async Task The_loop_runs_a_scheduled_job_only_once_no_other_node_holds_its_lease()
    {
        await LeftByDeadNode(DuplicateScanJob.JobName, Guid.Empty, Now.AddMinutes(10));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDuplicateScanRequests>().RequestSoon(default);
        var before = await app.Services.GetRequiredService<DuplicateScanJob>().Status(default);

        // A node whose loops run: its first look finds the lease held; the next one (a minute on) finds it still held.
        await using var node = app.WithWebHostBuilder(b => b.UseSetting("Keqing:Jobs:Enabled", "true"));
        var scans = node.Services.GetRequiredService<DuplicateScanJob>();
        await Task.Delay(500);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(500);
        (await scans.Status(default)).LastStartedAt.Should().Be(before.LastStartedAt, "the dead node's lease has not expired");

        // Ten minutes on, the lease has expired: the next look takes it and scans.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // The scan records its end, then gives its lease back: wait for both.
        var after = await scans.Status(default);
        while ((after.LastFinishedAt == before.LastFinishedAt || after.Running) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            after = await scans.Status(default);
        }
        after.LastFinishedAt.Should().NotBe(before.LastFinishedAt);
        after.Running.Should().BeFalse("the lease is given back when the scan ends");
    }
}

public sealed class JobLeaseTestsOnSqlite(SqliteClockedApp app) : JobLeaseTests(app), IClassFixture<SqliteClockedApp>;
public sealed class JobLeaseTestsOnPostgres(PostgresClockedApp app) : JobLeaseTests(app), IClassFixture<PostgresClockedApp>;
