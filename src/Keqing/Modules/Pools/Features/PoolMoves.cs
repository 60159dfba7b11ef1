using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Moves customers out of a pool to an owner (a claim or an assignment) or into one (a release), in the caller's unit
/// of work: the owner through Customers' <see cref="ICustomerDirectory.Reassign"/> (audited there), this module's
/// state, a history row and a timeline entry per customer.
/// </summary>
public sealed class PoolMoves(KeqingDb db, TimeProvider clock, ICustomerDirectory customers, PoolTimeline timeline)
{
    /// <summary>Gives the customers (all waiting in <paramref name="pool"/>) to <paramref name="ownerId"/> and saves.</summary>
    public async Task<int> TakeOut(Pool pool, IReadOnlyList<PoolCustomer> states, Guid ownerId, Guid? ownerTeamId, MoveKind kind,
        Guid byUserId, Guid? byTeamId, string? ownerName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await customers.Reassign(states.ToDictionary(s => s.CustomerId, _ => (ownerId, ownerTeamId)), ct);
        foreach (var state in states)
        {
            var move = new PoolMove
            {
                CustomerId = state.CustomerId, Kind = kind, PoolId = pool.Id, ToOwnerId = ownerId, At = now, ByUserId = byUserId,
                Reason = kind == MoveKind.Claimed ? MoveReasons.Claimed : MoveReasons.Assigned,
            };
            db.Add(move);
            timeline.Moved(move, pool.Name, ownerName, byTeamId);
            state.PoolId = null;
            state.InPoolSince = null;
            state.Reason = null;
            state.Note = null;
            state.FromOwnerId = null;
            state.RunId = null;
            state.OwnedSince = now;
        }
        await Save(ct);
        return states.Count;
    }

    /// <summary>Puts an owned customer into <paramref name="pool"/> with the owner's reason and saves.</summary>
    public async Task Release(Pool pool, CustomerSummary customer, string reason, Guid byUserId, Guid? byTeamId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await db.Set<PoolCustomer>().FirstOrDefaultAsync(s => s.CustomerId == customer.Id, ct);
        if (state is null) db.Add(state = new PoolCustomer { CustomerId = customer.Id });
        state.PoolId = pool.Id;
        state.InPoolSince = now;
        state.Reason = MoveReasons.Released;
        state.Note = reason;
        state.FromOwnerId = customer.OwnerId;
        state.OwnedSince = null;
        state.RunId = null;
        await customers.Reassign(new Dictionary<Guid, (Guid, Guid?)> { [customer.Id] = (Guid.Empty, null) }, ct);
        var move = new PoolMove
        {
            CustomerId = customer.Id, Kind = MoveKind.Released, PoolId = pool.Id, FromOwnerId = customer.OwnerId, At = now,
            ByUserId = byUserId, Reason = MoveReasons.Released, Note = reason,
        };
        db.Add(move);
        timeline.Moved(move, pool.Name, null, byTeamId);
        await Save(ct);
    }

    private async Task Save(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(FieldErrors.Text("Someone else moved one of these customers just now; reload and try again."));
        }
    }
}
