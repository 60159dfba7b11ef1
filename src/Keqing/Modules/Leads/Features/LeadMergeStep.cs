using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The leads' part of a customer merge: leads converted into a merged customer, and form posts attached to one, now
/// point at the survivor (set-based, in the merge's transaction).
/// </summary>
public sealed class LeadMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        return new Dictionary<string, int>
        {
            ["converted leads"] = await db.Set<Lead>().Where(l => l.ConvertedCustomerId != null && ids.Contains(l.ConvertedCustomerId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ConvertedCustomerId, survivorId), ct),
            ["form submissions"] = await db.Set<FormSubmission>().Where(f => f.CustomerId != null && ids.Contains(f.CustomerId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomerId, survivorId), ct),
        };
    }
}
