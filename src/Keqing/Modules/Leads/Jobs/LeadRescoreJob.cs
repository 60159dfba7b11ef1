using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Jobs;

/// <summary>
/// Keeps stored lead scores current (DOMAIN S1), one node at a time under the job's lease: re-scores, in batches, every
/// open lead scored with another rule set (a rule was added, changed or deleted) and, once a day, every open lead
/// with an activity a decaying rule counts (decay lowers scores without any write of the lead's own). Checks every
/// <c>Keqing:Jobs:IntervalSeconds</c> (60) unless <c>Keqing:Jobs:Enabled</c> is false; tests call <see cref="RunDueAsync"/>.
/// </summary>
public sealed class LeadRescoreJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration)
    : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "leads.rescore";

    private const int Batch = 500;

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(2), configuration);

    Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => Run(lease, ct);

    /// <summary>Re-scores every lead due now; returns how many (0 while another node runs the job).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? 0 : await Run(lease, ct);
    }

    private async Task<int> Run(HeldLease lease, CancellationToken ct)
    {
        var rescored = 0;
        var after = Guid.Empty;
        while (await lease.RenewAsync(ct))
        {
            // A fresh scope per batch: a small change tracker, and the rules as they are now.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var scoring = scope.ServiceProvider.GetRequiredService<LeadScoring>();
            var rules = await scoring.RulesInForce(ct);
            var batch = await Due(db, rules, after, ct);
            if (batch.Count == 0) return rescored;
            await scoring.Rescore(batch, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                rescored += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved one of these leads meanwhile (that save re-scored it, or the next run will).
            }
            after = batch[^1].Id;
            if (batch.Count < Batch) return rescored;
        }
        return rescored;
    }

    /// <summary>The next open leads (by id, after <paramref name="after"/>) scored with other rules, or with decaying points and not today.</summary>
    private async Task<List<Lead>> Due(KeqingDb db, LeadScoring.RuleSet rules, Guid after, CancellationToken ct)
    {
        var fingerprint = rules.Fingerprint;
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var decaying = rules.Rules
            .Where(r => r.Active && r.Kind == ScoringRuleKind.Behaviour && r.DecayPercentPer30Days > 0 && r.Activity is not null)
            .Select(r => r.Activity!.Value).Distinct().ToList();
        var open = db.Set<Lead>().Where(l => l.ArchivedAt == null && l.Id.CompareTo(after) > 0
            && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified));
        var due = decaying.Count == 0
            ? open.Where(l => l.ScoredWithRules != fingerprint)
            : open.Where(l => l.ScoredWithRules != fingerprint
                || ((l.ScoredAt == null || l.ScoredAt < dayAgo)
                    && db.Set<LeadActivity>().Any(a => a.LeadId == l.Id && decaying.Contains(a.Kind))));
        return await due.OrderBy(l => l.Id).Take(Batch).ToListAsync(ct);
    }
}
