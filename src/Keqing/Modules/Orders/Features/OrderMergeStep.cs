using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Orders' part of a customer merge: every order of a merged customer, and its lines (which carry the customer for
/// analytics without a join), now belong to the survivor. Set-based, in the merge's transaction.
/// </summary>
public sealed class OrderMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        var orders = await db.Set<Order>().Where(o => ids.Contains(o.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, survivorId), ct);
        await db.Set<OrderLine>().Where(l => ids.Contains(l.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CustomerId, survivorId), ct);
        return new Dictionary<string, int> { ["orders"] = orders };
    }
}
