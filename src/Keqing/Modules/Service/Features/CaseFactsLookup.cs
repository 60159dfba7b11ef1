using Keqing.Infrastructure.Data;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;

namespace Keqing.Modules.Service.Features;

/// <summary><see cref="ICaseFacts"/>: FindAsync, so a case changed in the caller's unit of work reads as changed.</summary>
public sealed class CaseFactsLookup(KeqingDb db) : ICaseFacts
{
    public async Task<CaseFacts?> Find(Guid caseId, CancellationToken ct) =>
        await db.Set<ServiceCase>().FindAsync([caseId], ct) is { } c
            ? new CaseFacts(c.Id, c.Number, c.CustomerId, c.OwnerId, c.TeamId, c.MergedIntoId)
            : null;
}
