using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Jobs;

/// <summary>
/// The response clock's alarms (DOMAIN M5), on <see cref="TimeProvider"/>'s clock, by the node holding the job's lease:
/// an open lead unanswered past its respond-by time alerts the owner's team manager (the owner when the team has
/// none), once (<see cref="Lead.BreachAlertedAt"/>); one past its reminder time, and not yet breached, reminds its
/// owner, once (<see cref="Lead.ReminderSentAt"/>). Each batch stamps its leads in one set-based update on the partial
/// indexes <c>IX_leads_breach</c> / <c>IX_leads_remind</c> and writes the notifications (each recipient's chosen
/// channels) in the same transaction, so a crash or a second run sends nothing twice. Runs every
/// <c>Keqing:Jobs:IntervalSeconds</c> (60) unless <c>Keqing:Jobs:Enabled</c> is false; tests call <see cref="RunDueAsync"/>.
/// </summary>
public sealed class ResponseClockJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration)
    : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "leads.response-clock";

    private const int Batch = 500;

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(2), configuration);

    Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => Run(lease, ct);

    /// <summary>Sends every alarm that is due now and not yet sent; returns how many leads this call stamped (0 while another node runs the job).</summary>
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
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        // Whole milliseconds, so the stamp reads back equal on both providers (PostgreSQL keeps microseconds).
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var stamped = 0;
        // Breaches first: a lead past both times gets the breach alert only, its reminder being moot.
        while (await lease.RenewAsync(ct) && await Breaches(db, users, notifier, now, ct) is var n and > 0) stamped += n;
        while (await lease.RenewAsync(ct) && await Reminders(db, notifier, now, ct) is var n and > 0) stamped += n;
        return stamped;
    }

    private static IQueryable<Lead> Open(KeqingDb db) => db.Set<Lead>().Where(l => l.ArchivedAt == null
        && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified));

    private static async Task<int> Breaches(KeqingDb db, IUserDirectory users, INotifier notifier, DateTime now, CancellationToken ct)
    {
        var ids = await Open(db).Where(l => l.FirstRespondedAt == null && l.BreachAlertedAt == null && l.RespondBy <= now)
            .OrderBy(l => l.RespondBy).ThenBy(l => l.Id).Select(l => l.Id).Take(Batch).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Lead>().Where(l => ids.Contains(l.Id) && l.FirstRespondedAt == null && l.BreachAlertedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.BreachAlertedAt, now).SetProperty(l => l.ReminderSentAt, l => l.ReminderSentAt ?? now), ct);
        var leads = await Stamped(db, ids, l => l.BreachAlertedAt == now, ct);
        var managers = await users.ManagersOf(leads.Select(l => l.OwnerId).Distinct(), ct);
        var owners = await users.Names(leads.Select(l => l.OwnerId).Distinct(), ct);
        foreach (var lead in leads)
            await notifier.Notify(new NotificationRequest(EventTypes.LeadResponseBreached,
                managers.TryGetValue(lead.OwnerId, out var manager) ? manager : lead.OwnerId,
                "Lead not answered in time", "{0} · owner {1} · was due {2}", $"/leads/{lead.Id}",
                [lead.Label, owners.GetValueOrDefault(lead.OwnerId) ?? "", lead.RespondBy]), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ids.Count;
    }

    private static async Task<int> Reminders(KeqingDb db, INotifier notifier, DateTime now, CancellationToken ct)
    {
        var ids = await Open(db).Where(l => l.FirstRespondedAt == null && l.ReminderSentAt == null && l.RemindAt <= now)
            .OrderBy(l => l.RemindAt).ThenBy(l => l.Id).Select(l => l.Id).Take(Batch).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Lead>().Where(l => ids.Contains(l.Id) && l.FirstRespondedAt == null && l.ReminderSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReminderSentAt, now), ct);
        foreach (var lead in await Stamped(db, ids, l => l.ReminderSentAt == now, ct))
            await notifier.Notify(new NotificationRequest(EventTypes.LeadResponseDue, lead.OwnerId,
                "Lead waiting for your answer", "{0} · answer by {1}", $"/leads/{lead.Id}", [lead.Label, lead.RespondBy]), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ids.Count;
    }

    /// <summary>The leads of the batch this run stamped (a lead answered in between was left alone by the update).</summary>
    private static async Task<List<Stamp>> Stamped(KeqingDb db, List<Guid> ids, System.Linq.Expressions.Expression<Func<Lead, bool>> stampedNow,
        CancellationToken ct) =>
        (await db.Set<Lead>().AsNoTracking().Where(l => ids.Contains(l.Id)).Where(stampedNow)
            .Select(l => new { l.Id, l.OwnerId, l.Name, l.Company, l.RespondBy }).ToListAsync(ct))
        .Select(l => new Stamp(l.Id, l.OwnerId, string.Join(" · ", new[] { l.Name, l.Company }.Where(x => !string.IsNullOrEmpty(x))), l.RespondBy.GetValueOrDefault()))
        .ToList();

    private sealed record Stamp(Guid Id, Guid OwnerId, string Label, DateTime RespondBy);
}
