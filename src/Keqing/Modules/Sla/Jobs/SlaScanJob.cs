using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Sla.Features;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Sla.Jobs;

/// <summary>
/// The SLA scan, one node at a time under the job's lease: reads only the clocks whose next alarm is due
/// (<c>NextAlarmAt &lt;= now</c>, a filtered index, so a million quiet clocks cost nothing), and for each target past
/// its warning percentage warns the owner, once; past its due time writes the breach row with its cause and escalates
/// to the owner's team manager (the owner when the team has none), once, through each recipient's chosen channels.
/// The stamps, breach rows and notifications of a batch commit together, so a crash or a second run sends nothing
/// twice; paused and stopped clocks have no alarm. Runs every <c>Keqing:Jobs:IntervalSeconds</c> (60) unless
/// <c>Keqing:Jobs:Enabled</c> is false; tests call <see cref="RunDueAsync"/>.
/// </summary>
public sealed class SlaScanJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration)
    : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "sla.scan";

    private const int Batch = 500;

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(2), configuration);

    Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => Run(lease, ct);

    /// <summary>Sends every alarm due now; returns how many alarms (warnings and breaches) this call sent (0 while another node runs the job).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? 0 : await Run(lease, ct);
    }

    private async Task<int> Run(HeldLease lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        while (await lease.RenewAsync(ct))
        {
            // A fresh scope per batch: a small change tracker, calendars as they are now.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var due = await Due(db, RecordClock.Stored(now), Batch, ct);
            if (due.Count == 0) return sent;
            try
            {
                sent += await Alarm(db, scope.ServiceProvider, due, now, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A clock changed under us (its record was answered or paused): this run leaves the batch; the next one sees it anew.
                return sent;
            }
            if (due.Count < Batch) return sent;
        }
        return sent;
    }

    /// <summary>The clocks with an alarm due: the scan's one query, on the filtered index <c>IX_sla_clocks_next_alarm</c>.</summary>
    public static Task<List<RecordClock>> Due(KeqingDb db, DateTime now, int limit, CancellationToken ct) =>
        db.Set<RecordClock>().Where(c => c.NextAlarmAt != null && c.NextAlarmAt <= now)
            .OrderBy(c => c.NextAlarmAt).ThenBy(c => c.Id).Take(limit).ToListAsync(ct);

    private static async Task<int> Alarm(KeqingDb db, IServiceProvider services, List<RecordClock> due, DateTimeOffset now, CancellationToken ct)
    {
        var calendars = services.GetRequiredService<ICompanyCalendar>();
        var notifier = services.GetRequiredService<INotifier>();
        var users = services.GetRequiredService<IUserDirectory>();
        var managers = await users.ManagersOf(due.Select(c => c.OwnerId).Distinct(), ct);
        var owners = await users.Names(due.Select(c => c.OwnerId).Distinct(), ct);
        var policyIds = due.Select(c => c.PolicyId).Distinct().ToList();
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var clockIds = due.Select(c => c.Id).ToList();
        var recorded = (await db.Set<SlaBreach>().AsNoTracking().Where(b => clockIds.Contains(b.ClockId)).Select(b => new { b.ClockId, b.Target }).ToListAsync(ct))
            .Select(b => (b.ClockId, b.Target)).ToHashSet();
        var stamp = RecordClock.Stored(now);
        var sent = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in due)
        {
            var calendar = await calendars.Find(row.CalendarId, ct) ?? await calendars.Current(ct);
            var value = row.Clock;
            foreach (var target in new[] { SlaTarget.FirstResponse, SlaTarget.Resolution })
            {
                if (!value.IsPending(target) || value.IsPaused || row.BreachedAt(target) is not null) continue;
                var state = value.StateOf(target, calendar, now);
                var title = row.Title ?? row.RecordType;
                if (state == SlaState.Breached)
                {
                    var manager = managers.TryGetValue(row.OwnerId, out var m) ? m : row.OwnerId;
                    row.StampBreached(target, stamp);
                    if (!recorded.Contains((row.Id, target)))
                        db.Add(SlaClocks.NewBreach(row, target, value, calendar, now, SlaClocks.Late(value, target, calendar, now), manager, completed: false));
                    await notifier.Notify(new NotificationRequest(EventTypes.SlaBreached, manager,
                        target == SlaTarget.FirstResponse ? "SLA breached: no first response to {0}" : "SLA breached: {0} not resolved in time",
                        "Owner {0} · was due {1} · policy {2}", row.Link,
                        [title, owners.GetValueOrDefault(row.OwnerId) ?? "", RecordClock.Stored(value.DueAt(calendar, target) ?? now), policies.GetValueOrDefault(row.PolicyId) ?? ""]), ct);
                    sent++;
                }
                else if (state == SlaState.Warned && row.WarnedAt(target) is null)
                {
                    row.StampWarned(target, stamp);
                    await notifier.Notify(new NotificationRequest(EventTypes.SlaWarning, row.OwnerId,
                        target == SlaTarget.FirstResponse ? "First response due soon: {0}" : "Resolution due soon: {0}",
                        "Due {0} · policy {1}", row.Link,
                        [title, RecordClock.Stored(value.DueAt(calendar, target) ?? now), policies.GetValueOrDefault(row.PolicyId) ?? ""]), ct);
                    sent++;
                }
            }
            row.Set(value, calendar);
            // Not yet due after all (an instant rounded to the microsecond): look again on the next run, not in this one.
            if (row.NextAlarmAt <= stamp) row.NextAlarmAt = stamp.AddSeconds(1);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return sent;
    }
}
