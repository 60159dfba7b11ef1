namespace Keqing.Modules.FieldWork.Domain;

/// <summary>Distances on the earth as a sphere (haversine), and the latitude/longitude box around a circle.</summary>
public static class Geo
{
    public const double EarthRadiusKm = 6371.0088;
    public const double MaxRadiusKm = 50;
    public const double DegreesToRadians = Math.PI / 180;

    /// <summary>The great-circle distance in kilometres between two points in degrees.</summary>
    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = (lat2 - lat1) * DegreesToRadians;
        var dLng = (lng2 - lng1) * DegreesToRadians;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(lat1 * DegreesToRadians) * Math.Cos(lat2 * DegreesToRadians) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    /// <summary>
    /// A box holding every point within <paramref name="radiusKm"/> of the centre (a little larger, never smaller), for
    /// the index; longitudes are not wrapped at ±180 (Keqing's customers are far from the antimeridian).
    /// </summary>
    public static (double MinLat, double MaxLat, double MinLng, double MaxLng) BoundingBox(double lat, double lng, double radiusKm)
    {
        var angular = radiusKm / EarthRadiusKm;
        var dLat = angular / DegreesToRadians * 1.0001;
        var maxLat = Math.Min(90, lat + dLat);
        var minLat = Math.Max(-90, lat - dLat);
        // The widest longitude span of a circle on a sphere (its tangent meridians); a pole inside it spans every longitude.
        var ratio = Math.Sin(angular) / Math.Cos(lat * DegreesToRadians);
        var dLng = maxLat >= 90 || minLat <= -90 || ratio >= 1 ? 180 : Math.Asin(ratio) / DegreesToRadians * 1.0001;
        return (minLat, maxLat, lng - dLng, lng + dLng);
    }
}
