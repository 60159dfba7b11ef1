using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>Tasks can be about a lead (a call back on Tuesday): one the acting user may see, not archived.</summary>
public sealed class LeadTaskSubject(KeqingDb db, IRecordAccess access) : ITaskSubject
{
    /// <summary>The record type of a lead, as tasks store it.</summary>
    public const string LeadRecordType = "leads.lead";

    public string RecordType => LeadRecordType;

    public async Task<bool> IsVisible(Guid id, CancellationToken ct) =>
        await (await access.Visible(db.Set<Lead>().AsNoTracking(), ct)).AnyAsync(l => l.Id == id && l.ArchivedAt == null, ct);
}
