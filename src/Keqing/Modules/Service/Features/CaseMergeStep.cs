using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>Service's part of a customer merge: every case of a merged customer, open or not, now belongs to the survivor.</summary>
public sealed class CaseMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        return new Dictionary<string, int>
        {
            ["cases"] = await db.Set<ServiceCase>().Where(c => ids.Contains(c.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), ct),
        };
    }
}
