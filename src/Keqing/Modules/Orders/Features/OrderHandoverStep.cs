using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Orders' part of a hand-over (DOMAIN T4): the employee's orders still under way (confirmed or shipped) on each moved
/// customer go to that customer's new owner (and their team), tracked so each owner change is audited; delivered and
/// cancelled orders stay with who sold them.
/// </summary>
public sealed class OrderHandoverStep(KeqingDb db, IUserDirectory users, TimeProvider time) : IHandoverStep
{
    public string What => "orders";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        var open = new List<Order>();
        // In slices: a hand-over may move thousands of customers, more than a database takes as parameters at once.
        foreach (var slice in newOwnerByCustomer.Keys.Chunk(1000))
            open.AddRange(await db.Set<Order>().Where(o => o.OwnerId == fromUserId && o.ArchivedAt == null
                && (o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Shipped) && slice.Contains(o.CustomerId)).ToListAsync(ct));
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
