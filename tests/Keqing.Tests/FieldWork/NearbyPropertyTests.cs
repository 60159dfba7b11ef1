using CsCheck;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// "Customers near me" against an oracle on both providers: for random centres near Shanghai and anywhere in mainland
/// China's box (far from the antimeridian) and random radii up to the 50 km limit, the API returns exactly the customers
/// within the radius by the haversine formula computed here in C#, nearest first, with the same distances.
/// </summary>
public abstract class NearbyPropertyTests(KeqingApp app) : IAsyncLifetime
{
    private HttpClient rep = null!;
    private readonly List<(Guid Id, double Lat, double Lng)> points = [];

    public async ValueTask InitializeAsync()
    {
        var admin = await app.AdminClient();
        var user = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        rep = await app.ClientFor(user.Email);
        var random = new Random(20261204);
        for (var i = 0; i < 120; i++)
        {
            // Two thirds clustered around Shanghai (dense enough that radii catch many), the rest anywhere in China's box.
            var (lat, lng) = i % 3 != 0
                ? (30.9 + random.NextDouble() * 0.7, 121.1 + random.NextDouble() * 0.8)
                : (18 + random.NextDouble() * 35, 73 + random.NextDouble() * 62);
            (lat, lng) = (Math.Round(lat, 6), Math.Round(lng, 6));
            var customer = await rep.NewCustomer();
            await rep.Place(customer.Id, lat, lng);
            points.Add((customer.Id, lat, lng));
        }
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The oracle: haversine in its atan2 form, written apart from the app's.</summary>
    private static double Km(double lat1, double lng1, double lat2, double lng2)
    {
        const double r = 6371.0088;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lng2 - lng1) / 2), 2);
        return 2 * r * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    [Fact]
    public async Task The_nearby_customers_are_exactly_those_within_the_radius_nearest_first()
    {
        var nearShanghai = Gen.Select(Gen.Double[30.8, 31.7], Gen.Double[121.0, 122.0]);
        var inChina = Gen.Select(Gen.Double[18, 53], Gen.Double[73, 135]);
        var centre = Gen.Frequency((3, nearShanghai), (1, inChina));
        await Gen.Select(centre, Gen.Double[0.5, 50]).SampleAsync(async (c, radius) =>
        {
            var (lat, lng) = (Math.Round(c.Item1, 6), Math.Round(c.Item2, 6));
            radius = Math.Round(radius, 3);
            var found = await rep.Nearby(lat, lng, radius);
            var oracle = points.Select(p => (p.Id, Km: Km(lat, lng, p.Lat, p.Lng))).ToDictionary(p => p.Id, p => p.Km);
            const double tolerance = 1e-6;
            foreach (var (id, km) in oracle)
            {
                if (km < radius - tolerance) found.Should().Contain(f => f.Id == id, $"{km} km is within {radius} km of ({lat}, {lng})");
                if (km > radius + tolerance) found.Should().NotContain(f => f.Id == id, $"{km} km is beyond {radius} km of ({lat}, {lng})");
            }
            foreach (var f in found) f.DistanceKm.Should().BeApproximately(oracle[f.Id], tolerance);
            found.Select(f => oracle[f.Id]).Zip(found.Select(f => oracle[f.Id]).Skip(1)).Should().OnlyContain(pair => pair.First <= pair.Second + tolerance);
        }, iter: 60, threads: 1);
    }
}

public sealed class NearbyPropertyTestsOnSqlite(SqliteApp app) : NearbyPropertyTests(app), IClassFixture<SqliteApp>;
public sealed class NearbyPropertyTestsOnPostgres(PostgresApp app) : NearbyPropertyTests(app), IClassFixture<PostgresApp>;

/// <summary>The pure geometry: the bounding box never cuts a point the circle holds.</summary>
public sealed class GeoBoxPropertyTests
{
    [Fact]
    public void Every_point_within_the_radius_lies_inside_the_bounding_box()
    {
        Gen.Select(Gen.Double[-80, 80], Gen.Double[-170, 170], Gen.Double[0.1, 50], Gen.Double[0, 2 * Math.PI], Gen.Double[0, 1]).Sample((lat, lng, radius, bearing, share) =>
        {
            // A point at distance share × radius along a bearing (the direct geodesic problem on a sphere).
            var d = share * radius / Keqing.Modules.FieldWork.Domain.Geo.EarthRadiusKm;
            var φ1 = lat * Math.PI / 180;
            var φ2 = Math.Asin(Math.Sin(φ1) * Math.Cos(d) + Math.Cos(φ1) * Math.Sin(d) * Math.Cos(bearing));
            var λ2 = lng * Math.PI / 180 + Math.Atan2(Math.Sin(bearing) * Math.Sin(d) * Math.Cos(φ1), Math.Cos(d) - Math.Sin(φ1) * Math.Sin(φ2));
            var (pLat, pLng) = (φ2 * 180 / Math.PI, λ2 * 180 / Math.PI);
            var (minLat, maxLat, minLng, maxLng) = Keqing.Modules.FieldWork.Domain.Geo.BoundingBox(lat, lng, radius);
            pLat.Should().BeInRange(minLat, maxLat);
            pLng.Should().BeInRange(minLng, maxLng);
            Keqing.Modules.FieldWork.Domain.Geo.DistanceKm(lat, lng, pLat, pLng).Should().BeApproximately(share * radius, 1e-6);
        });
    }
}
