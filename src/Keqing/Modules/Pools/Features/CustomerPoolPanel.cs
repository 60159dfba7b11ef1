using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>What the customer page's pool panel shows: the lock and the pool, and what the user may do from there.</summary>
public sealed record PoolPanelState(CustomerPoolState State, string? PoolName, bool Owned, bool MayRelease, bool MayLock,
    IReadOnlyList<PoolChoice> Pools);

/// <summary>A pool a customer may be released to.</summary>
public sealed record PoolChoice(Guid Id, string Name);

/// <summary>
/// Reads the customer page's pool panel: the owner (or whoever manages pools) may release the customer to a live pool,
/// an admin or a manager of its team may lock or unlock it (the same rules as the API's release and lock).
/// </summary>
public sealed class CustomerPoolPanel(KeqingDb db, CurrentUser me, ICustomerDirectory customers, IRecordAccess access)
{
    public async Task<PoolPanelState> Read(Guid customerId, CancellationToken ct)
    {
        var customer = await customers.FindVisible(customerId, ct);
        if (customer is null || customer.Archived) throw new NotFoundException("customer");
        var state = await db.Set<PoolCustomer>().AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId, ct);
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name)
            .Select(p => new PoolChoice(p.Id, p.Name)).ToListAsync(ct);
        var scope = await access.ScopeAsync(ct);
        var owned = customer.OwnerId != Guid.Empty;
        return new PoolPanelState(
            new CustomerPoolState(customerId, state?.LockedAt is not null, state?.LockedAt, state?.PoolId),
            pools.FirstOrDefault(p => p.Id == state?.PoolId)?.Name, owned,
            MayRelease: owned && state?.LockedAt is null && (customer.OwnerId == me.UserId || me.Can(PoolsCapabilities.Manage)),
            MayLock: owned && (scope.IsAdmin || (customer.TeamId is { } team && scope.ManagedTeamIds.Contains(team))),
            pools);
    }
}
