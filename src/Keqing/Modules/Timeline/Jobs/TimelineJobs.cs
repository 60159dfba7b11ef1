using Keqing.Modules.Notifications.Contracts;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Jobs;

/// <summary>
/// Overdue-commitment alerts (to the commitment's owner and the owner's manager) and task reminders (to the assignee),
/// on <see cref="TimeProvider"/>'s clock, by one node at a time: the one holding the job's lease, renewed before each batch
/// (a node that lost it stops). A unique index allows one alert per subject, kind and recipient besides. Runs every
/// <c>Keqing:Jobs:IntervalSeconds</c> (60) unless <c>Keqing:Jobs:Enabled</c> is false; tests call
/// <see cref="RunDueAsync"/> after moving a fake clock.
/// </summary>
public sealed class TimelineJobs(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration)
    : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "timeline.alerts";

    private const int Batch = 500;

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(2), configuration);

    Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => Run(lease, ct);

    /// <summary>Writes every alert that is due now and not yet written; returns how many this call wrote (0 while another node runs the job).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? 0 : await Run(lease, ct);
    }

    private async Task<int> Run(HeldLease lease, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var customers = scope.ServiceProvider.GetRequiredService<ICustomerDirectory>();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await OverdueCommitments(db, lease, users, customers, notifier, now, ct) + await TaskReminders(db, lease, customers, notifier, now, ct);
    }

    private static async Task<int> OverdueCommitments(KeqingDb db, HeldLease lease, IUserDirectory users, ICustomerDirectory customers, INotifier notifier, DateTime now, CancellationToken ct)
    {
        var written = 0;
        while (await lease.RenewAsync(ct))
        {
            var due = await db.Set<Commitment>().AsNoTracking()
                .Where(c => c.Status == CommitmentStatus.Open && c.DueAt < now
                            && !db.Set<Alert>().Any(a => a.SubjectId == c.Id && a.Kind == AlertKind.CommitmentOverdue && a.RecipientId == c.OwnerId))
                .OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(Batch)
                .Select(c => new { c.Id, c.CustomerId, c.OwnerId, c.What, c.DueAt }).ToListAsync(ct);
            if (due.Count == 0) return written;
            var managers = await users.ManagersOf(due.Select(c => c.OwnerId), ct);
            var names = await customers.Find(due.Select(c => c.CustomerId), ct);
            var alerts = due.SelectMany(c =>
            {
                var title = $"{(names.TryGetValue(c.CustomerId, out var n) ? n.Name + ": " : "")}{c.What}";
                var recipients = managers.TryGetValue(c.OwnerId, out var m) && m != c.OwnerId ? new[] { c.OwnerId, m } : [c.OwnerId];
                return recipients.Select(r => new Alert
                {
                    RecipientId = r, Kind = AlertKind.CommitmentOverdue, SubjectId = c.Id, CustomerId = c.CustomerId,
                    Title = Clip(title), DueAt = c.DueAt, CreatedAt = now,
                });
            }).ToList();
            written += await Insert(db, notifier, alerts, ct);
            if (due.Count < Batch) return written;
        }
        return written;
    }

    private static async Task<int> TaskReminders(KeqingDb db, HeldLease lease, ICustomerDirectory customers, INotifier notifier, DateTime now, CancellationToken ct)
    {
        var written = 0;
        while (await lease.RenewAsync(ct))
        {
            var due = await db.Set<TaskItem>().AsNoTracking()
                .Where(t => t.Status == TaskState.Open && (t.RemindAt ?? t.DueAt) <= now
                            && !db.Set<Alert>().Any(a => a.SubjectId == t.Id && a.Kind == AlertKind.TaskReminder && a.RecipientId == t.AssigneeId))
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(Batch)
                .Select(t => new { t.Id, t.CustomerId, t.AssigneeId, t.Title, t.DueAt }).ToListAsync(ct);
            if (due.Count == 0) return written;
            var names = await customers.Find(due.Where(t => t.CustomerId != null).Select(t => t.CustomerId!.Value), ct);
            var alerts = due.Select(t => new Alert
            {
                RecipientId = t.AssigneeId, Kind = AlertKind.TaskReminder, SubjectId = t.Id, CustomerId = t.CustomerId,
                Title = Clip((t.CustomerId is { } c && names.TryGetValue(c, out var n) ? n.Name + ": " : "") + t.Title),
                DueAt = t.DueAt, CreatedAt = now,
            }).ToList();
            written += await Insert(db, notifier, alerts, ct);
            if (due.Count < Batch) return written;
        }
        return written;
    }

    /// <summary>
    /// Sends the alert through the user's chosen channels (in-app, email, group robot) in the same unit of work as the
    /// alert row, whose unique index makes each alert, and so each notification, happen once.
    /// </summary>
    private static Task Notify(INotifier notifier, Alert alert, CancellationToken ct) => notifier.Notify(new NotificationRequest(
        alert.Kind == AlertKind.CommitmentOverdue ? EventTypes.CommitmentOverdue : EventTypes.TaskDue,
        alert.RecipientId,
        alert.Kind == AlertKind.CommitmentOverdue ? "Commitment overdue" : "Task due",
        "{0} · due {1}",
        alert.CustomerId is { } customer ? $"/customers/{customer}/timeline" : "/me/day",
        [alert.Title, alert.DueAt]), ct);

    /// <summary>Inserts the alerts not written yet; when another node wrote one meanwhile, falls back to one at a time.</summary>
    private static async Task<int> Insert(KeqingDb db, INotifier notifier, List<Alert> alerts, CancellationToken ct)
    {
        var subjects = alerts.Select(a => a.SubjectId).Distinct().ToList();
        var existing = (await db.Set<Alert>().AsNoTracking().Where(a => subjects.Contains(a.SubjectId))
            .Select(a => new { a.SubjectId, a.Kind, a.RecipientId }).ToListAsync(ct))
            .Select(a => (a.SubjectId, a.Kind, a.RecipientId)).ToHashSet();
        var fresh = alerts.Where(a => !existing.Contains((a.SubjectId, a.Kind, a.RecipientId))).ToList();
        if (fresh.Count == 0) return 0;
        db.Set<Alert>().AddRange(fresh);
        foreach (var alert in fresh) await Notify(notifier, alert, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var written = 0;
        foreach (var alert in fresh)
        {
            db.Set<Alert>().Add(alert);
            await Notify(notifier, alert, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                written++;
            }
            catch (DbUpdateException)
            {
                // Another node wrote this one first.
            }
            db.ChangeTracker.Clear();
        }
        return written;
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..299] + "…";
}
