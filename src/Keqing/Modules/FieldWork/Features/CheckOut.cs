using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Checks out of the caller's own open visit (another's is 404 or 403, a closed one 409); the coordinates are kept only
/// when the check-in had consent. The time on site is the pair's difference.
/// </summary>
public sealed class CheckOut(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, VisitTimeline timeline, VisitMapping mapping,
    CurrentUser me, TimeProvider clock)
{
    public async Task<VisitDto> Handle(CheckOutRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.VisitId == Guid.Empty) errors.Add("visitId", FieldErrors.Text("Required."));
        VisitInput.CheckPoint(errors, r.Lat, r.Lng, r.AccuracyM);
        errors.MaxLength("notes", r.Notes, Rules.MaxNotes);
        errors.ThrowIfAny();
        var visit = await access.FindVisible(db.Set<Visit>(), r.VisitId, ct);
        if (visit.OwnerId != me.UserId) throw new ForbiddenException(FieldErrors.Text("Only the person who checked in can check out."));
        if (visit.CheckOutAt is not null) throw new ConflictException(FieldErrors.Text("This visit is already checked out."));
        var now = clock.GetUtcNow().UtcDateTime;
        visit.CheckOutAt = now < visit.CheckInAt ? visit.CheckInAt : now;
        if (visit.Consent && r.Lat is not null) (visit.CheckOutLat, visit.CheckOutLng, visit.CheckOutAccuracyM) = (r.Lat, r.Lng, r.AccuracyM);
        if (VisitInput.Notes(r.Notes) is { } notes) visit.Notes = notes;
        var customer = (await customers.Find([visit.CustomerId], ct)).GetValueOrDefault(visit.CustomerId);
        await timeline.Changed(visit, customer?.Name ?? "", ct);
        await db.SaveChangesAsync(ct);
        return await mapping.One(visit, ct);
    }
}
