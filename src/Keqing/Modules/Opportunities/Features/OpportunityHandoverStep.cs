using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Opportunities' part of a hand-over (DOMAIN T4): the employee's open opportunities on each moved customer go to that
/// customer's new owner (and their team), tracked so each owner change is audited; closed deals stay with who closed them.
/// </summary>
public sealed class OpportunityHandoverStep(KeqingDb db, IUserDirectory users, TimeProvider time) : IHandoverStep
{
    public string What => "opportunities";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        var customerIds = newOwnerByCustomer.Keys.ToList();
        var open = new List<Opportunity>();
        // In slices: a hand-over may move thousands of customers, more than a database takes as parameters at once.
        foreach (var slice in customerIds.Chunk(1000))
            open.AddRange(await db.Set<Opportunity>().Where(o => o.OwnerId == fromUserId && o.Status == OpportunityStatus.Open
                && o.ArchivedAt == null && slice.Contains(o.CustomerId)).ToListAsync(ct));
        var teams = new Dictionary<Guid, Guid?>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var o in open)
        {
            var to = newOwnerByCustomer[o.CustomerId];
            if (!teams.TryGetValue(to, out var team)) teams[to] = team = (await users.Find(to, ct))?.TeamId;
            o.OwnerId = to;
            o.TeamId = team;
            o.UpdatedAt = now;
        }
        return open.Count;
    }
}
