using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// The hand-over brief (DOMAIN T4) of one customer: its last contacts, open commitments and open tasks, and the next
/// step agreed — what a new owner reads before the customer arrives. Record access applies to every part.
/// A next step stays until it is done or a later contact agrees another (issue 13, item 14): five quick calls after a
/// visit do not hide what the visit agreed.
/// </summary>
public sealed class CustomerBrief(KeqingDb db, TimelineAccess access, IUserDirectory users, TimeProvider clock)
{
    public const int LastContacts = 5;

    public async Task<CustomerBriefDto> Handle(Guid customerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await access.Customer(customerId, ct);
        var entries = await (await access.Entries(db.Set<TimelineEntry>().AsNoTracking()
                .Where(e => e.CustomerId == customerId && e.Type == TimelineTypes.Interaction), customer, ct))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(LastContacts).ToListAsync(ct);
        var latest = await (await access.Interactions(db.Set<Interaction>().AsNoTracking(), ct))
            .Where(i => i.CustomerId == customerId && i.NextStep != null)
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => new { Step = i.NextStep!, i.NextStepDoneAt }).FirstOrDefaultAsync(ct);
        List<string> nextSteps = latest is { NextStepDoneAt: null } ? [latest.Step] : [];
        var commitments = await (await access.Commitments(db.Set<Commitment>().AsNoTracking(), ct))
            .Where(c => c.CustomerId == customerId && c.Status == CommitmentStatus.Open)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(100).ToListAsync(ct);
        var tasks = await (await access.Tasks(db.Set<TaskItem>().AsNoTracking(), ct))
            .Where(t => t.CustomerId == customerId && t.Status == TaskState.Open)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(100).ToListAsync(ct);
        var last = await db.Set<Interaction>().Where(i => i.CustomerId == customerId).MaxAsync(i => (DateTime?)i.OccurredAt, ct);
        var names = await users.Names(entries.Where(e => e.UserId != null).Select(e => e.UserId!.Value).Append(customer.OwnerId), ct);
        return new CustomerBriefDto(customer.Id, customer.Name, customer.Grade, customer.OwnerId, names.GetValueOrDefault(customer.OwnerId),
            last, entries.Select(e => GetTimeline.ToDto(e, names)).ToList(), commitments.Select(c => c.ToDto(now)).ToList(),
            tasks.Select(t => t.ToDto(now)).ToList(), nextSteps);
    }
}
