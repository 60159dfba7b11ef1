using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// Privacy's part of a customer merge: consents (and refusals) given on a merged customer now speak for the survivor,
/// and its contacts' consents follow them to the survivor's record access, so a "no marketing" is never lost in a merge.
/// </summary>
public sealed class PrivacyMergeStep(KeqingDb db) : IMergeStep
{
    /// <summary>Consents are given by customers (and their contacts), so Privacy follows customer merges.</summary>
    public string RecordType => "customers.customer";

    public async Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct)
    {
        var ids = mergedIds.ToList();
        var customers = await db.Set<Consent>().Where(c => c.SubjectType == SubjectType.Customer && ids.Contains(c.SubjectId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SubjectId, survivorId).SetProperty(c => c.CustomerId, survivorId), ct);
        var contacts = await db.Set<Consent>().Where(c => c.SubjectType == SubjectType.Contact && ids.Contains(c.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), ct);
        return new Dictionary<string, int> { ["consents"] = customers + contacts };
    }
}
