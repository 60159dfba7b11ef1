using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>The owner (or whoever manages pools) gives a customer back to a pool with a reason; a locked customer stays.</summary>
public sealed class ReleaseCustomer(KeqingDb db, CurrentUser me, ICustomerDirectory customers, IUserDirectory users, PoolMoves moves)
{
    public const int MaxReason = 500;

    public async Task<MoveResult> Handle(Guid customerId, ReleaseRequest request, CancellationToken ct)
    {
        var customer = await customers.FindVisible(customerId, ct);
        if (customer is null || customer.Archived || customer.OwnerId == Guid.Empty) throw new NotFoundException("customer");
        if (customer.OwnerId != me.UserId && !me.Can(PoolsCapabilities.Manage))
            throw new ForbiddenException(FieldErrors.Text("Only the customer's owner may release it to a pool."));
        var errors = new FieldErrors();
        Pool? pool = null;
        if (request.PoolId is not { } poolId) errors.Add("poolId", FieldErrors.Text("Required."));
        else if ((pool = await db.Set<Pool>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == poolId && p.ArchivedAt == null, ct)) is null)
            errors.Add("poolId", FieldErrors.Text("No pool has this id."));
        errors.Required("reason", request.Reason).MaxLength("reason", request.Reason?.Trim(), MaxReason);
        errors.ThrowIfAny();
        if (await db.Set<PoolCustomer>().AnyAsync(s => s.CustomerId == customerId && s.LockedAt != null, ct))
            throw new ConflictException(FieldErrors.Text("This customer is locked; ask a manager to unlock it first."));
        var self = await users.Find(me.UserId, ct);
        await moves.Release(pool!, customer, request.Reason!.Trim(), me.UserId, self?.TeamId, ct);
        return new MoveResult(1);
    }
}
