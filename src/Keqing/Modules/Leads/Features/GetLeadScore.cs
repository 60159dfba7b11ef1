using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>A lead's score now and its reasons, for whoever may see the lead (404 otherwise, as for the lead itself).</summary>
public sealed class GetLeadScore(KeqingDb db, IRecordAccess access, LeadScoring scoring)
{
    public async Task<LeadScoreDto> Get(Guid leadId, CancellationToken ct) =>
        await scoring.Explain(await access.FindVisible(db.Set<Lead>().AsNoTracking(), leadId, ct), ct);
}
