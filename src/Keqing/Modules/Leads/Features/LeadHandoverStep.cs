using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The leads' part of a hand-over (DOMAIN T4): a lead belongs to no customer, so when all of an employee's customers
/// are handed over their open leads (new, contacted, qualified; not archived) go round-robin to the recipients, with
/// the recipient's team, with the employee's open tasks about them; an unanswered lead's response clock restarts for its
/// new owner.
/// </summary>
public sealed class LeadHandoverStep(KeqingDb db, IUserDirectory users, ResponseClock clock, ISubjectTasks tasks, TimeProvider time) : IHandoverStep
{
    public string What => "leads";

    /// <summary>Leads hang on no customer: a hand-over of some customers leaves them with the employee.</summary>
    public Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct) => Task.FromResult(0);

    public async Task<int> MoveUnattached(Guid fromUserId, IReadOnlyList<Guid> toUserIds, CancellationToken ct)
    {
        if (toUserIds.Count == 0) return 0;
        var leads = await db.Set<Lead>().Where(l => l.OwnerId == fromUserId && l.ArchivedAt == null
                && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToListAsync(ct);
        var recipients = new List<UserSummary>();
        foreach (var id in toUserIds) recipients.Add(await users.Find(id, ct) ?? throw new InvalidOperationException($"No user {id}."));
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < leads.Count; i++)
        {
            var (lead, to) = (leads[i], recipients[i % recipients.Count]);
            lead.OwnerId = to.Id;
            lead.TeamId = to.TeamId;
            lead.UpdatedAt = now;
            await clock.Start(lead, now, ct);
            db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.OwnerChanged, OccurredAt = now, Text = to.DisplayName });
        }
        await tasks.HandOver(LeadTaskSubject.LeadRecordType, fromUserId, leads.ToDictionary(l => l.Id, l => (l.OwnerId, l.TeamId)), ct);
        return leads.Count;
    }
}
