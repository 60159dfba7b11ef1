using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Checks the caller in at a customer they may see. Without consent no coordinates are stored, whatever was sent; with
/// it, the point and its accuracy, and on request the point becomes the customer's location. One open visit at a time.
/// </summary>
public sealed class CheckIn(KeqingDb db, ICustomerDirectory customers, ICustomerLocations locations, IUserDirectory users,
    VisitTimeline timeline, VisitMapping mapping, CurrentUser me, TimeProvider clock)
{
    public async Task<VisitDto> Handle(CheckInRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        if (r.CustomerId == Guid.Empty) errors.Add("customerId", FieldErrors.Text("Required."));
        VisitInput.CheckPoint(errors, r.Lat, r.Lng, r.AccuracyM);
        var at = r.At is { } given ? DateTime.SpecifyKind(given.Kind == DateTimeKind.Local ? given.ToUniversalTime() : given, DateTimeKind.Utc) : now;
        if (at > now.AddMinutes(5)) errors.Add("at", FieldErrors.Text("A check-in cannot be in the future."));
        else if (at < now - Rules.MaxBackdating) errors.Add("at", FieldErrors.Text("A check-in can be sent at most one day late."));
        if (r.SetAsCustomerLocation && (!r.Consent || r.Lat is null))
            errors.Add("setAsCustomerLocation", FieldErrors.Text("Setting the customer's location needs your consent and a location."));
        errors.MaxLength("notes", r.Notes, Rules.MaxNotes);
        errors.ThrowIfAny();

        var userId = me.UserId;
        // A technician dispatched to a customer checks in there even when the customer is not theirs to see.
        var customer = await customers.FindVisible(r.CustomerId, ct)
            ?? (await db.Set<Dispatch>().AnyAsync(d => d.OwnerId == userId && d.CustomerId == r.CustomerId && d.Status == DispatchStatus.Planned, ct)
                ? (await customers.Find([r.CustomerId], ct)).GetValueOrDefault(r.CustomerId) : null);
        if (customer is null || customer.Archived) throw new ValidationFailedException("customerId", FieldErrors.Text("No such customer."));
        if (await db.Set<Visit>().AnyAsync(v => v.OwnerId == userId && v.CheckOutAt == null, ct))
            throw new ConflictException(FieldErrors.Text("You are still checked in at a customer: check out first."));

        var visit = new Visit
        {
            CustomerId = customer.Id, OwnerId = userId, TeamId = (await users.Find(userId, ct))?.TeamId, CheckInAt = at, Consent = r.Consent,
            Notes = VisitInput.Notes(r.Notes), CreatedAt = now,
        };
        if (r.Consent && r.Lat is not null) (visit.CheckInLat, visit.CheckInLng, visit.CheckInAccuracyM) = (r.Lat, r.Lng, r.AccuracyM);
        db.Add(visit);
        if (r.SetAsCustomerLocation) await locations.Set(customer.Id, r.Lat, r.Lng, CustomerLocationSource.Visit, ct);
        timeline.CheckedIn(visit, customer.Name);
        await db.SaveChangesAsync(ct);
        return await mapping.One(visit, ct);
    }
}
