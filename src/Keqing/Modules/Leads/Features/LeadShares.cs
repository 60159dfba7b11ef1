using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>Shares a lead with another team or a colleague (read-only or read-write), as customers are shared.</summary>
public sealed class LeadShares(KeqingDb db, IRecordAccess access)
{
    public async Task<IReadOnlyList<ShareDto>> List(Guid leadId, CancellationToken ct)
    {
        await access.FindVisible(db.Set<Lead>().AsNoTracking(), leadId, ct);
        return await access.SharesOf<Lead>(leadId, ct);
    }

    public async Task<(ShareDto Share, bool Created)> Add(Guid leadId, ShareRequest request, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>().AsNoTracking(), leadId, ct);
        var share = await access.Share(lead, request, ct);
        await db.SaveChangesAsync(ct);
        return share;
    }

    public async Task Remove(Guid leadId, Guid shareId, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>().AsNoTracking(), leadId, ct);
        await access.Unshare(lead, shareId, ct);
        await db.SaveChangesAsync(ct);
    }
}
