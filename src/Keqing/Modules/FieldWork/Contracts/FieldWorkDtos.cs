using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.FieldWork.Contracts;

/// <summary>
/// Check in at a customer; the coordinates are stored only with <see cref="Consent"/>. <see cref="At"/>: when the user
/// arrived, if not now (an offline check-in sent later; not in the future, at most a day back).
/// <see cref="SetAsCustomerLocation"/>: also store the point as the customer's location ("设为客户位置"); needs consent and coordinates.
/// </summary>
public sealed record CheckInRequest(Guid CustomerId, double? Lat, double? Lng, double? AccuracyM, DateTime? At, bool Consent,
    string? Notes = null, bool SetAsCustomerLocation = false);

/// <summary>Check out of an open visit; the coordinates are stored only when the check-in had consent.</summary>
public sealed record CheckOutRequest(Guid VisitId, double? Lat, double? Lng, double? AccuracyM, string? Notes = null);

/// <summary>A visit's notes (replaced).</summary>
public sealed record VisitNotesRequest(string? Notes);

/// <summary>
/// A visit as the API shows it. The coordinates are where the employee was: sensitive personal data (行踪轨迹,
/// category private), masked to null for a role that does not see that category, and named in <see cref="Masked"/>.
/// </summary>
public sealed record VisitDto
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public Guid UserId { get; init; }
    public string UserName { get; init; } = "";
    public Guid? TeamId { get; init; }
    public DateTime CheckInAt { get; init; }
    public DateTime? CheckOutAt { get; init; }
    /// <summary>Time on site in whole minutes, once checked out.</summary>
    public int? MinutesOnSite { get; init; }
    public bool Consent { get; init; }
    [Personal(Sensitivity.Private)] public double? CheckInLat { get; init; }
    [Personal(Sensitivity.Private)] public double? CheckInLng { get; init; }
    public double? CheckInAccuracyM { get; init; }
    [Personal(Sensitivity.Private)] public double? CheckOutLat { get; init; }
    [Personal(Sensitivity.Private)] public double? CheckOutLng { get; init; }
    public double? CheckOutAccuracyM { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<VisitPhotoDto> Photos { get; init; } = [];
    public long Version { get; init; }
    public List<string> Masked { get; set; } = [];
}

public sealed record VisitPhotoDto(Guid Id, string FileName, string ContentType, int Size, DateTime UploadedAt);

/// <summary>A customer near a point, with its great-circle distance in kilometres.</summary>
public sealed record NearbyCustomerDto(Guid Id, string Name, string? City, double Latitude, double Longitude, double DistanceKm);

/// <summary>The visits of one day (in the caller's time zone) that the caller may see.</summary>
public sealed record TeamDayDto(DateOnly Date, string TimeZone, IReadOnlyList<VisitDto> Visits);

/// <summary>The map's settings: a tile URL template (<c>https://…/{z}/{x}/{y}.png</c>), null for no map.</summary>
public sealed record FieldSettingsDto(string? TileUrl, string? TileAttribution, long Version);

public sealed record FieldSettingsInput(string? TileUrl, string? TileAttribution);

/// <summary>Sets or clears (both null) a customer's location.</summary>
public sealed record CustomerLocationInput(double? Latitude, double? Longitude);
