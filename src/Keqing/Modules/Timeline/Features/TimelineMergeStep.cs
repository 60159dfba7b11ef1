using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Timeline's part of a customer merge: the merged customers' timeline entries, interactions, commitments, tasks, alerts
/// and contact preferences now belong to the survivor. Set-based updates in the merge's transaction (a customer can have
/// thousands of entries); the merge's own audit entry records how many moved. Hand-over records stay as they happened.
/// </summary>
public sealed class TimelineMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        return new Dictionary<string, int>
        {
            ["timeline entries"] = await db.Set<TimelineEntry>().Where(x => ids.Contains(x.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
            ["interactions"] = await db.Set<Interaction>().Where(x => ids.Contains(x.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
            ["commitments"] = await db.Set<Commitment>().Where(x => ids.Contains(x.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
            ["tasks"] = await db.Set<TaskItem>().Where(x => x.CustomerId != null && ids.Contains(x.CustomerId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
            ["alerts"] = await db.Set<Alert>().Where(x => x.CustomerId != null && ids.Contains(x.CustomerId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
            ["contact preferences"] = await db.Set<ContactPreference>().Where(x => ids.Contains(x.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct),
        };
    }
}
