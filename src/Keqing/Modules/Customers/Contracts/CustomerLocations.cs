namespace Keqing.Modules.Customers.Contracts;

/// <summary>Where a customer's stored location came from.</summary>
public enum CustomerLocationSource { Entered = 1, Visit = 2, Imported = 3 }

/// <summary>
/// A customer's location as the caller may see it: a person's coordinates are contact details, null (and
/// <see cref="Masked"/>) for a caller whose role does not see them; an organisation's are not personal data.
/// </summary>
public sealed record CustomerLocationDto(Guid CustomerId, double? Latitude, double? Longitude, CustomerLocationSource? Source,
    DateTime? LocatedAt, bool Masked);

/// <summary>A live customer with a location, as a query to compose (a bounding box, a distance in SQL).</summary>
public sealed class LocatedCustomerRef
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public CustomerKind Kind { get; init; }
    public string? City { get; init; }
    public Guid OwnerId { get; init; }
    public Guid? TeamId { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
}

/// <summary>Customers' locations (DOMAIN C9) for Field work: "customers near me" and setting one from a visit.</summary>
public interface ICustomerLocations
{
    /// <summary>
    /// The live customers with a location that the caller may see, as a query; persons only when the caller's roles see
    /// contact details (their location is one).
    /// </summary>
    Task<IQueryable<LocatedCustomerRef>> VisibleLocated(CancellationToken ct);

    /// <summary>The location of a customer the caller may see (404 otherwise), masked as <see cref="CustomerLocationDto"/> says.</summary>
    Task<CustomerLocationDto> Of(Guid customerId, CancellationToken ct);

    /// <summary>
    /// Sets (or, with both coordinates null, clears) the location of a customer the caller may change (404 unseen, 403
    /// read-only), in the caller's unit of work; 400 naming latitude/longitude when out of range or only one is given.
    /// </summary>
    Task<CustomerLocationDto> Set(Guid customerId, double? latitude, double? longitude, CustomerLocationSource source, CancellationToken ct);
}
