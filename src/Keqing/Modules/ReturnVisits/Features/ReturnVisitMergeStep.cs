using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>Return visits' part of a customer merge: the merged customers' return visits now belong to the survivor (set-based).</summary>
public sealed class ReturnVisitMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        var moved = await db.Set<ReturnVisit>().Where(v => ids.Contains(v.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, survivorId), ct);
        return new Dictionary<string, int> { ["return visits"] = moved };
    }
}
