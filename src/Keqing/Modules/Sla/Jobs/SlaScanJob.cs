using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Sla.Features;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Modules.Sla.Jobs;

/// <summary>
/// The SLA scan, set-based, one node at a time under the job's lease: per batch, ONE query reads the clocks whose next
/// alarm is due (<c>NextAlarmAt &lt;= now</c>, a filtered index, so a million quiet clocks cost nothing; on PostgreSQL
/// locked with <c>FOR UPDATE SKIP LOCKED</c>, so a case change waits for the batch instead of racing it), the stamps are
/// worked out from the stored alarm instants alone (<see cref="RecordClock.StampDueAlarms"/>: a warning once, a breach
/// once), written back in ONE statement, the breach rows with their cause added, and the owners warned and the team
/// managers (the owner when the team has none) escalated to through <see cref="INotifier.NotifyMany"/>, all in one
/// transaction: a crash or a second run sends nothing twice; paused and stopped clocks have no alarm. Runs every
/// <c>Keqing:Jobs:IntervalSeconds</c> (60) unless <c>Keqing:Jobs:Enabled</c> is false; tests call <see cref="RunDueAsync"/>.
/// </summary>
public sealed class SlaScanJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration)
    : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "sla.scan";

    private const int Batch = 2000;

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
            int found;
            try
            {
                (found, var alarms) = await ScanBatch(db, scope.ServiceProvider, now, ct);
                sent += alarms;
            }
            catch (DbUpdateConcurrencyException)
            {
                // SQLite: a clock changed under us (its record was answered or paused): the next run sees it anew.
                return sent;
            }
            if (found < Batch) return sent;
        }
        return sent;
    }

    /// <summary>The clocks with an alarm due: the scan's one read, on the filtered index <c>IX_sla_clocks_next_alarm</c>.</summary>
    public static Task<List<RecordClock>> Due(KeqingDb db, DateTime now, int limit, CancellationToken ct) =>
        db.Set<RecordClock>().Where(c => c.NextAlarmAt != null && c.NextAlarmAt <= now)
            .OrderBy(c => c.NextAlarmAt).ThenBy(c => c.Id).Take(limit).ToListAsync(ct);

    private static async Task<(int Found, int Sent)> ScanBatch(KeqingDb db, IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var stamp = RecordClock.Stored(now);
        var postgres = db.Database.IsNpgsql();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = postgres
            ? await db.Set<RecordClock>().FromSql(
                $"""
                SELECT * FROM sla_clocks WHERE "NextAlarmAt" IS NOT NULL AND "NextAlarmAt" <= {stamp}
                ORDER BY "NextAlarmAt", "Id" LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(ct)
            : await Due(db, stamp, Batch, ct); // tracked: SQLite has one writer, and SaveChanges checks each clock's version
        if (due.Count == 0) return (0, 0);

        var alarms = due.SelectMany(row => row.StampDueAlarms(stamp).Select(a => (Row: row, a.Target, a.Breached))).ToList();
        if (postgres) await WriteStamps(db, due, ct);
        if (alarms.Count > 0) await Alarm(db, services, alarms, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (due.Count, alarms.Count);
    }

    /// <summary>PostgreSQL: every clock of the batch's stamps and next alarm in one statement (the rows are locked by the read).</summary>
    private static Task WriteStamps(KeqingDb db, List<RecordClock> due, CancellationToken ct)
    {
        static NpgsqlParameter Instants(string name, IEnumerable<DateTime?> values) =>
            new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = values.ToArray() };
        return db.Database.ExecuteSqlRawAsync(
            """
            UPDATE sla_clocks AS c SET "FirstResponseWarnedAt" = v.frw, "FirstResponseBreachedAt" = v.frb,
                "ResolutionWarnedAt" = v.rw, "ResolutionBreachedAt" = v.rb, "NextAlarmAt" = v.next
            FROM unnest(@ids, @frw, @frb, @rw, @rb, @next) AS v(id, frw, frb, rw, rb, next)
            WHERE c."Id" = v.id
            """,
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = due.Select(c => c.Id).ToArray() },
                Instants("frw", due.Select(c => c.FirstResponseWarnedAt)), Instants("frb", due.Select(c => c.FirstResponseBreachedAt)),
                Instants("rw", due.Select(c => c.ResolutionWarnedAt)), Instants("rb", due.Select(c => c.ResolutionBreachedAt)),
                Instants("next", due.Select(c => c.NextAlarmAt)),
            ], ct);
    }

    /// <summary>The breach rows (one per clock and target, kept from an earlier life of a reopened record) and the notifications, in the caller's unit of work.</summary>
    private static async Task Alarm(KeqingDb db, IServiceProvider services, List<(RecordClock Row, SlaTarget Target, bool Breached)> alarms,
        DateTimeOffset now, CancellationToken ct)
    {
        var calendars = services.GetRequiredService<ICompanyCalendar>();
        var users = services.GetRequiredService<IUserDirectory>();
        var ownerIds = alarms.Select(a => a.Row.OwnerId).Distinct().ToList();
        var managers = alarms.Any(a => a.Breached) ? await users.ManagersOf(ownerIds, ct) : new Dictionary<Guid, Guid>();
        var owners = await users.Names(ownerIds, ct);
        var policyIds = alarms.Select(a => a.Row.PolicyId).Distinct().ToList();
        var policies = await db.Set<SlaPolicy>().AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var breachedClocks = alarms.Where(a => a.Breached).Select(a => a.Row.Id).Distinct().ToList();
        var recorded = new HashSet<(Guid, SlaTarget)>();
        foreach (var slice in breachedClocks.Chunk(1000))
            recorded.UnionWith((await db.Set<SlaBreach>().AsNoTracking().Where(b => slice.Contains(b.ClockId))
                .Select(b => new { b.ClockId, b.Target }).ToListAsync(ct)).Select(b => (b.ClockId, b.Target)));
        var calendarOf = new Dictionary<Guid, BusinessCalendar>();
        var requests = new List<NotificationRequest>(alarms.Count);
        foreach (var (row, target, breached) in alarms)
        {
            var title = row.Title ?? row.RecordType;
            var policy = policies.GetValueOrDefault(row.PolicyId) ?? "";
            var dueAt = target == SlaTarget.FirstResponse ? row.FirstResponseDueAt : row.ResolutionDueAt;
            if (!breached)
            {
                requests.Add(new NotificationRequest(EventTypes.SlaWarning, row.OwnerId,
                    target == SlaTarget.FirstResponse ? "First response due soon: {0}" : "Resolution due soon: {0}",
                    "Due {0} · policy {1}", row.Link, [title, dueAt ?? row.BreachedAt(target)!.Value, policy]));
                continue;
            }
            var manager = managers.TryGetValue(row.OwnerId, out var m) ? m : row.OwnerId;
            if (recorded.Add((row.Id, target)))
            {
                if (!calendarOf.TryGetValue(row.CalendarId, out var calendar))
                    calendarOf[row.CalendarId] = calendar = await calendars.Find(row.CalendarId, ct) ?? await calendars.Current(ct);
                var value = row.Clock;
                db.Add(SlaClocks.NewBreach(row, target, value, calendar, now, SlaClocks.Late(value, target, calendar, now), manager, completed: false));
            }
            requests.Add(new NotificationRequest(EventTypes.SlaBreached, manager,
                target == SlaTarget.FirstResponse ? "SLA breached: no first response to {0}" : "SLA breached: {0} not resolved in time",
                "Owner {0} · was due {1} · policy {2}", row.Link,
                [title, owners.GetValueOrDefault(row.OwnerId) ?? "", dueAt ?? row.BreachedAt(target)!.Value, policy]));
        }
        await services.GetRequiredService<INotifier>().NotifyMany(requests, ct);
    }
}
