using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// Quotes' part of a customer merge: every quote of a merged customer (every status and revision, so the history stays
/// whole) now belongs to the survivor. Set-based, in the merge's transaction.
/// </summary>
public sealed class QuoteMergeStep(KeqingDb db) : IMergeStep
{
    public string RecordType => CustomersRecordTypes.Customer;

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        return new Dictionary<string, int>
        {
            ["quotes"] = await db.Set<Quote>().Where(q => ids.Contains(q.CustomerId))
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.CustomerId, survivorId), ct),
        };
    }
}
