using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>Archives a lead (DELETE): it leaves the lists and keeps its history and lookups.</summary>
public sealed class ArchiveLead(KeqingDb db, IRecordAccess access, TimeProvider time)
{
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>(), id, ct);
        await access.EnsureCanWrite(lead, ct);
        if (lead.ArchivedAt is not null) return;
        lead.ArchivedAt = lead.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
