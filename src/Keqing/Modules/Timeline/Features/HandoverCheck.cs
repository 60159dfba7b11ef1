using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Tells whether an employee may leave without a hand-over (DOMAIN A4): Identity's deactivation asks this and refuses
/// (409, pointing at the hand-over page) while anything is outstanding.
/// </summary>
public sealed class HandoverCheck(KeqingDb db, ICustomerDirectory customers) : IDeactivationCheck
{
    public async Task<Outstanding> Outstanding(Guid userId, CancellationToken ct) => new(
        await customers.OwnedBy(userId).CountAsync(ct),
        await db.Set<TaskItem>().CountAsync(t => t.AssigneeId == userId && t.Status == TaskState.Open, ct),
        await db.Set<Commitment>().CountAsync(c => c.OwnerId == userId && c.Status == CommitmentStatus.Open, ct));

    async Task<string?> IDeactivationCheck.Outstanding(Guid userId, CancellationToken ct)
    {
        var o = await Outstanding(userId, ct);
        return o.None ? null : $"{o.Customers} customer(s), {o.OpenTasks} open task(s) and {o.OpenCommitments} open commitment(s)";
    }
}
