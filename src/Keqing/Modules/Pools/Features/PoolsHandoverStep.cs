using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Pools' part of a hand-over (DOMAIN T4): the new owners must have room under their customer limits, owned and locked
/// (409 naming the limit, nothing moves), and each handed-over customer's recycle clock starts again from now, since its new owner
/// only now gets it (else a customer nobody followed up would return to the pool the hour after the hand-over). A
/// lock stays with the customer; its move history needs no change (it is the customer's, not the owner's).
/// </summary>
public sealed class PoolsHandoverStep(KeqingDb db, TimeProvider clock, ICustomerLimits limits) : IHandoverStep
{
    public string What => "recycle clocks";

    public async Task<int> Move(Guid fromUserId, IReadOnlyDictionary<Guid, Guid> newOwnerByCustomer, CancellationToken ct)
    {
        await limits.EnsureRoomForMoves(newOwnerByCustomer, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var states = new Dictionary<Guid, PoolCustomer>();
        // In slices: a hand-over may move thousands of customers, more than a database takes as parameters at once.
        foreach (var slice in newOwnerByCustomer.Keys.Chunk(1000))
            foreach (var s in await db.Set<PoolCustomer>().Where(s => slice.Contains(s.CustomerId)).ToListAsync(ct))
                states[s.CustomerId] = s;
        foreach (var customerId in newOwnerByCustomer.Keys)
        {
            if (!states.TryGetValue(customerId, out var state)) db.Add(state = new PoolCustomer { CustomerId = customerId });
            state.OwnedSince = now;
        }
        return newOwnerByCustomer.Count;
    }
}
