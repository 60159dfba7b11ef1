using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>The customers merged into a customer (and those merged into them), so its audit trail includes their history.</summary>
public sealed class MergedCustomerLineage(KeqingDb db) : IAuditLineage
{
    private const int MaxDepth = 10;

    public async Task<IReadOnlyList<Guid>> Predecessors(string entityType, Guid id, CancellationToken ct)
    {
        if (entityType != CustomersRecordTypes.Customer) return [];
        var all = new List<Guid>();
        var frontier = new List<Guid> { id };
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var current = frontier;
            frontier = await db.Set<Customer>().AsNoTracking().Where(c => c.MergedIntoId != null && current.Contains(c.MergedIntoId.Value))
                .Select(c => c.Id).ToListAsync(ct);
            frontier.RemoveAll(all.Contains);
            all.AddRange(frontier);
        }
        return all;
    }
}
