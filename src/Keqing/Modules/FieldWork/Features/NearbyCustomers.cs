using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// "Customers near me": the customers the caller may see within a radius of a point, nearest first, with the distance
/// computed in SQL on both providers: a bounding box the (latitude, longitude) index answers, then the haversine formula.
/// </summary>
public sealed class NearbyCustomers(ICustomerLocations locations)
{
    public const double DefaultRadiusKm = 5;
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<IReadOnlyList<NearbyCustomerDto>> Handle(string? lat, string? lng, string? radiusKm, string? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var centreLat = Number(errors, "lat", lat, -90, 90, null);
        var centreLng = Number(errors, "lng", lng, -180, 180, null);
        var radius = Number(errors, "radiusKm", radiusKm, 0, Geo.MaxRadiusKm, DefaultRadiusKm);
        if (radius == 0) errors.Add("radiusKm", FieldErrors.Text("radiusKm is more than 0 and at most {0}.", Geo.MaxRadiusKm));
        var take = (int)Number(errors, "limit", limit, 1, MaxLimit, DefaultLimit);
        if (limit is not null && double.TryParse(limit, CultureInfo.InvariantCulture, out var l) && l != Math.Floor(l))
            errors.Add("limit", FieldErrors.Text("limit is a whole number."));
        errors.ThrowIfAny();
        return await Query(await locations.VisibleLocated(ct), centreLat, centreLng, radius, take, ct);
    }

    /// <summary>The query itself, over any set of located customers (the bench runs it over all of them).</summary>
    public static async Task<IReadOnlyList<NearbyCustomerDto>> Query(IQueryable<LocatedCustomerRef> customers, double lat, double lng, double radiusKm,
        int take, CancellationToken ct)
    {
        var (minLat, maxLat, minLng, maxLng) = Geo.BoundingBox(lat, lng, radiusKm);
        var cosLat = Math.Cos(lat * Geo.DegreesToRadians);
        const double k = Geo.DegreesToRadians;
        const double diameter = 2 * Geo.EarthRadiusKm;
        return await customers
            .Where(c => c.Latitude >= minLat && c.Latitude <= maxLat && c.Longitude >= minLng && c.Longitude <= maxLng)
            .Select(c => new
            {
                c.Id, c.Name, c.City, c.Latitude, c.Longitude,
                Km = diameter * Math.Asin(Math.Sqrt(
                    Math.Sin((c.Latitude - lat) * k / 2) * Math.Sin((c.Latitude - lat) * k / 2)
                    + cosLat * Math.Cos(c.Latitude * k) * Math.Sin((c.Longitude - lng) * k / 2) * Math.Sin((c.Longitude - lng) * k / 2))),
            })
            .Where(x => x.Km <= radiusKm)
            .OrderBy(x => x.Km).ThenBy(x => x.Id)
            .Take(take)
            .Select(x => new NearbyCustomerDto(x.Id, x.Name, x.City, x.Latitude, x.Longitude, x.Km))
            .ToListAsync(ct);
    }

    private static double Number(FieldErrors errors, string field, string? value, double min, double max, double? fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (fallback is { } f) return f;
            errors.Add(field, FieldErrors.Text("Required."));
            return 0;
        }
        if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n))
        {
            errors.Add(field, FieldErrors.Text("{0} is a number.", field));
            return 0;
        }
        if (n < min || n > max)
        {
            errors.Add(field, FieldErrors.Text("{0} is between {1} and {2}.", field, min, max));
            return 0;
        }
        return n;
    }
}
