using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>One lead the caller may see (404 otherwise), masked by their grants, and whether they may change it.</summary>
public sealed class GetLead(KeqingDb db, IRecordAccess access, LeadPrivacy privacy)
{
    public async Task<LeadDto> Handle(Guid id, CancellationToken ct) =>
        await privacy.Protect((await access.FindVisible(db.Set<Lead>().AsNoTracking(), id, ct)).ToDto(), log: true, ct);

    /// <summary>Whether the caller may change the lead (a page shows its actions only then).</summary>
    public async Task<bool> CanWrite(Guid id, CancellationToken ct) =>
        await access.CanWrite(await access.FindVisible(db.Set<Lead>().AsNoTracking(), id, ct), ct);
}
