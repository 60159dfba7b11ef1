using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Shares a customer with another team or a colleague (read-only or read-write); the owner keeps seeing everything.</summary>
public sealed class CustomerShares(KeqingDb db, IRecordAccess access)
{
    public async Task<IReadOnlyList<ShareDto>> List(Guid customerId, CancellationToken ct)
    {
        await access.FindVisible(db.Set<Customer>().AsNoTracking(), customerId, ct);
        return await access.SharesOf<Customer>(customerId, ct);
    }

    /// <summary>Shares the customer; the same grantee again gets its existing share (Created false), at the level asked for.</summary>
    public async Task<(ShareDto Share, bool Created)> Add(Guid customerId, ShareRequest request, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>().AsNoTracking(), customerId, ct);
        var share = await access.Share(customer, request, ct);
        await db.SaveChangesAsync(ct);
        return share;
    }

    public async Task Remove(Guid customerId, Guid shareId, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>().AsNoTracking(), customerId, ct);
        await access.Unshare(customer, shareId, ct);
        await db.SaveChangesAsync(ct);
    }
}
