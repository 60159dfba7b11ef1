using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Opportunities' part of a customer merge: every opportunity of a merged customer (open or closed, so the won history
/// stays whole) now belongs to the survivor. Set-based, in the merge's transaction; the merge's audit entry counts them.
/// </summary>
public sealed class OpportunityMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        return new Dictionary<string, int>
        {
            ["opportunities"] = await db.Set<Opportunity>().Where(o => ids.Contains(o.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, survivorId), ct),
        };
    }
}
