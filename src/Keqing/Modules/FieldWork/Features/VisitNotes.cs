using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>Reads one visit, and replaces its notes (If-Match; only the person who made it).</summary>
public sealed class VisitNotes(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, VisitTimeline timeline, VisitMapping mapping, CurrentUser me)
{
    public async Task<VisitDto> Get(Guid id, CancellationToken ct) => await mapping.One(await access.FindVisible(db.Set<Visit>(), id, ct), ct);

    public async Task<VisitDto> Update(Guid id, long expectedVersion, VisitNotesRequest r, CancellationToken ct)
    {
        new FieldErrors().MaxLength("notes", r.Notes, Rules.MaxNotes).ThrowIfAny();
        var visit = await access.FindVisible(db.Set<Visit>(), id, ct);
        if (visit.OwnerId != me.UserId) throw new ForbiddenException(FieldErrors.Text("Only the person who made the visit can change it."));
        Preconditions.ExpectVersion(db, visit, expectedVersion);
        visit.Notes = VisitInput.Notes(r.Notes);
        var customer = (await customers.Find([visit.CustomerId], ct)).GetValueOrDefault(visit.CustomerId);
        await timeline.Changed(visit, customer?.Name ?? "", ct);
        await db.SaveChangesAsync(ct);
        return await mapping.One(visit, ct);
    }
}
