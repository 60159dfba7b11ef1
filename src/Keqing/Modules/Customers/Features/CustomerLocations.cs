using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Reads and sets customers' locations under record access, masking a person's as a contact detail.</summary>
public sealed class CustomerLocations(KeqingDb db, IRecordAccess access, IPrivacyGrants grants, TimeProvider clock) : ICustomerLocations
{
    public async Task<IQueryable<LocatedCustomerRef>> VisibleLocated(CancellationToken ct)
    {
        var customers = (await access.Visible(db.Set<Customer>(), ct)).Where(c => c.ArchivedAt == null && c.Latitude != null && c.Longitude != null);
        // A list cannot hold a reveal per record: a person's location is listed only to roles that always see contact details.
        var levels = await grants.Levels(ct);
        if (levels.GetValueOrDefault(Sensitivity.Contact) < GrantLevel.See) customers = customers.Where(c => c.Kind != CustomerKind.Person);
        return customers.Select(c => new LocatedCustomerRef
        {
            Id = c.Id, Name = c.Name, Kind = c.Kind, City = c.City, OwnerId = c.OwnerId, TeamId = c.TeamId,
            Latitude = c.Latitude!.Value, Longitude = c.Longitude!.Value,
        });
    }

    public async Task<CustomerLocationDto> Of(Guid customerId, CancellationToken ct) =>
        await Show(await access.FindVisible(db.Set<Customer>().AsNoTracking(), customerId, ct), ct);

    public async Task<CustomerLocationDto> Set(Guid customerId, double? latitude, double? longitude, CustomerLocationSource source, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (latitude is null != longitude is null)
            errors.Add(latitude is null ? "latitude" : "longitude", FieldErrors.Text("Give both latitude and longitude, or neither."));
        if (latitude is { } lat && !(lat >= -90 && lat <= 90)) errors.Add("latitude", FieldErrors.Text("latitude is between -90 and 90."));
        if (longitude is { } lng && !(lng >= -180 && lng <= 180)) errors.Add("longitude", FieldErrors.Text("longitude is between -180 and 180."));
        errors.ThrowIfAny();
        var customer = await access.FindVisible(db.Set<Customer>(), customerId, ct);
        await access.EnsureCanWrite(customer, ct);
        customer.Latitude = latitude;
        customer.Longitude = longitude;
        customer.LocationSource = latitude is null ? null : source;
        customer.LocatedAt = latitude is null ? null : clock.GetUtcNow().UtcDateTime;
        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await Show(customer, ct);
    }

    private async Task<CustomerLocationDto> Show(Customer c, CancellationToken ct)
    {
        if (c.Kind == CustomerKind.Person && c.Latitude is not null
            && !(await grants.For([c.Id], ct, [Sensitivity.Contact])).Sees(Sensitivity.Contact, c.Id))
            return new(c.Id, null, null, c.LocationSource, c.LocatedAt, true);
        return new(c.Id, c.Latitude, c.Longitude, c.LocationSource, c.LocatedAt, false);
    }
}
