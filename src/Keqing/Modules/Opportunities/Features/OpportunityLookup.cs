using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>Opportunities the caller may see, for other modules (<see cref="IOpportunityLookup"/>).</summary>
public sealed class OpportunityLookup(KeqingDb db, IRecordAccess access) : IOpportunityLookup
{
    public async Task<OpportunityInfo?> FindVisible(Guid id, CancellationToken ct)
    {
        var visible = await access.Visible(db.Set<Opportunity>().AsNoTracking().Where(o => o.Id == id && o.ArchivedAt == null), ct);
        return await visible.Select(o => new OpportunityInfo(o.Id, o.CustomerId, o.Name, o.OwnerId)).FirstOrDefaultAsync(ct);
    }
}
