using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Service's part of a hand-over (DOMAIN T4): the employee's cases that are not resolved on each moved customer go to
/// that customer's new owner and their team, tracked so each owner change is audited; resolved and closed cases stay
/// with who worked them.
/// </summary>
public sealed class CaseHandoverStep(KeqingDb db, IUserDirectory users, CaseSla sla, TimeProvider time) : IHandoverStep
{
    public string What => "cases";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        var open = new List<ServiceCase>();
        foreach (var slice in newOwnerByCustomer.Keys.Chunk(1000))
            open.AddRange(await db.Set<ServiceCase>().Where(c => c.OwnerId == fromUserId && slice.Contains(c.CustomerId)
                && (c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.WaitingOnCustomer)).ToListAsync(ct));
        var teams = new Dictionary<Guid, Guid?>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var c in open)
        {
            var to = newOwnerByCustomer[c.CustomerId];
            if (!teams.TryGetValue(to, out var team)) teams[to] = team = (await users.Find(to, ct))?.TeamId;
            (c.OwnerId, c.TeamId, c.UpdatedAt) = (to, team, now);
            await sla.Reassign(c, ct);
        }
        return open.Count;
    }
}
