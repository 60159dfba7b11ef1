using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>An employee who still owns open leads is not deactivated before a hand-over moves them (DOMAIN A4).</summary>
public sealed class OpenLeadsCheck(KeqingDb db) : IDeactivationCheck
{
    public async Task<string?> Outstanding(Guid userId, CancellationToken ct)
    {
        var open = await db.Set<Lead>().CountAsync(l => l.OwnerId == userId && l.ArchivedAt == null
            && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified), ct);
        return open == 0 ? null : $"{open} open lead(s)";
    }
}
