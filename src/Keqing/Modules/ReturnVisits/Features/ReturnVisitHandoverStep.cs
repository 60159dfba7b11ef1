using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// Return visits' part of a hand-over: the employee's open return visits on each moved customer go to its new owner
/// (and their team); done and cancelled ones stay with who did them.
/// </summary>
public sealed class ReturnVisitHandoverStep(KeqingDb db, IUserDirectory users, TimeProvider clock) : IHandoverStep
{
    public string What => "return visits";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        var open = new List<ReturnVisit>();
        foreach (var slice in newOwnerByCustomer.Keys.Chunk(1000))
            open.AddRange(await db.Set<ReturnVisit>().Where(v => v.OwnerId == fromUserId && v.Status == ReturnVisitStatus.Open
                && slice.Contains(v.CustomerId)).ToListAsync(ct));
        var teams = new Dictionary<Guid, Guid?>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var v in open)
        {
            var to = newOwnerByCustomer[v.CustomerId];
            if (!teams.TryGetValue(to, out var team)) teams[to] = team = (await users.Find(to, ct))?.TeamId;
            (v.OwnerId, v.TeamId, v.UpdatedAt) = (to, team, now);
        }
        return open.Count;
    }
}
