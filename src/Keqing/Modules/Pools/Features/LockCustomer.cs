using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Locks (锁定) a customer so that no rule recycles it, or unlocks it: an admin, or a manager of the customer's team
/// (a rep cannot shield their own customers from the pool).
/// </summary>
public sealed class LockCustomer(KeqingDb db, TimeProvider clock, CurrentUser me, ICustomerDirectory customers, IRecordAccess access,
    CustomerLimits limits)
{
    public async Task<CustomerPoolState> Handle(Guid customerId, bool locked, CancellationToken ct)
    {
        var customer = await customers.FindVisible(customerId, ct);
        if (customer is null || customer.Archived) throw new NotFoundException("customer");
        var scope = await access.ScopeAsync(ct);
        if (!scope.IsAdmin && (customer.TeamId is not { } team || !scope.ManagedTeamIds.Contains(team)))
            throw new ForbiddenException(FieldErrors.Text("Only a manager of the customer's team or an admin may lock or unlock it."));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var state = await db.Set<PoolCustomer>().FirstOrDefaultAsync(s => s.CustomerId == customerId, ct);
        if (state?.PoolId is not null)
            throw new ConflictException(FieldErrors.Text("A customer waiting in a pool cannot be locked or unlocked."));
        if (state is null) db.Add(state = new PoolCustomer { CustomerId = customerId });
        if (locked && state.LockedAt is null)
        {
            await limits.EnsureLockRoom(customer.OwnerId, 1, ct);
            state.LockedAt = clock.GetUtcNow().UtcDateTime;
            state.LockedBy = me.UserId;
        }
        else if (!locked)
        {
            state.LockedAt = null;
            state.LockedBy = null;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CustomerPoolState(customerId, state.LockedAt is not null, state.LockedAt, state.PoolId);
    }

    /// <summary>A visible customer's lock and pool.</summary>
    public async Task<CustomerPoolState> Get(Guid customerId, CancellationToken ct)
    {
        if (await customers.FindVisible(customerId, ct) is null) throw new NotFoundException("customer");
        var state = await db.Set<PoolCustomer>().AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId, ct);
        return new CustomerPoolState(customerId, state?.LockedAt is not null, state?.LockedAt, state?.PoolId);
    }
}
