using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.FieldWork.Features;
using Keqing.Modules.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Bench;

/// <summary>
/// "Customers near me" on PostgreSQL (issue 17: within 10 km over 1,000,000 geocoded customers, ≤ 20 ms): loads N
/// customers with a location (set-based SQL from one customer the app wrote: 30 % around ten big cities, the rest
/// anywhere in mainland China's box), then times the app's <see cref="NearbyCustomers"/> (an admin and a rep, a new DI
/// scope per call: record access, grants, the query) beside hand-written SQL (the same bounding box and haversine), in
/// turns, for a dense centre (Shanghai) and a sparse one, and checks the answers agree.
/// </summary>
public static class NearbyBench
{
    private const string NearbySql =
        """
        SELECT "Id" FROM (
            SELECT "Id", 2 * 6371.0088 * asin(sqrt(power(sin(radians("Latitude" - @lat) / 2), 2)
                + cos(radians(@lat)) * cos(radians("Latitude")) * power(sin(radians("Longitude" - @lng) / 2), 2))) AS km
            FROM customers
            WHERE "ArchivedAt" IS NULL AND "Latitude" BETWEEN @minLat AND @maxLat AND "Longitude" BETWEEN @minLng AND @maxLng {0}) c
        WHERE km <= @radius ORDER BY km, "Id" LIMIT 50
        """;

    private static readonly (string Name, double Lat, double Lng)[] Cities =
    [
        ("上海", 31.2304, 121.4737), ("北京", 39.9042, 116.4074), ("广州", 23.1291, 113.2644), ("深圳", 22.5431, 114.0579),
        ("成都", 30.5728, 104.0668), ("杭州", 30.2741, 120.1551), ("武汉", 30.5928, 114.3055), ("西安", 34.3416, 108.9398),
        ("南京", 32.0603, 118.7969), ("重庆", 29.5630, 106.5516),
    ];

    public static async Task<int> Run(string[] args)
    {
        var count = OpportunityDatabase.Arg(args, "--customers", 1_000_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 200);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 20);
        const double radius = 10;
        var ct = CancellationToken.None;

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        var capture = new CommandCapture();
        await using var provider = await BenchPostgres.AppServicesAsync(connectionString, capture, ct);
        var owners = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var load = Stopwatch.StartNew();
        await Load(provider, connectionString, count, owners, ct);
        Console.WriteLine($"  loaded {count:N0} located customers in {load.Elapsed.TotalSeconds:N1} s");

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### customers near me, postgres, {count:N0} located customers, {radius} km ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; {runs} timed runs after {warmup} warm-up runs, app and SQL in turns; a new DI scope per app call; 50 nearest");
        report.AppendLine().AppendLine("| caller | centre | found | app p50 ms | app p95 ms | SQL p50 ms | SQL p95 ms |");
        report.AppendLine("|---|---|--:|--:|--:|--:|--:|");
        ClaimsPrincipal As(Guid id, string role) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Role, role)], "bench"));
        var callers = new[] { ("Admin (all)", As(Guid.NewGuid(), Roles.Admin), ""), ("SalesRep (own)", As(owners[0], Roles.SalesRep), $"AND \"OwnerId\" = '{owners[0]}'") };
        var centres = new[] { ("上海 (dense)", 31.2304, 121.4737), ("兰州 (sparse)", 36.0611, 103.8343) };
        foreach (var (who, principal, scope) in callers)
        foreach (var (where, lat, lng) in centres)
        {
            async Task<List<Guid>> App()
            {
                await using var s = provider.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
                var found = await s.ServiceProvider.GetRequiredService<NearbyCustomers>().Handle(
                    lat.ToString(CultureInfo.InvariantCulture), lng.ToString(CultureInfo.InvariantCulture), "10", "50", ct);
                return found.Select(f => f.Id).ToList();
            }
            var (minLat, maxLat, minLng, maxLng) = Geo.BoundingBox(lat, lng, radius);
            var sqlText = NearbySql.Replace("{0}", scope, StringComparison.Ordinal);
            async Task<List<Guid>> Sql()
            {
                await using var cmd = new NpgsqlCommand(sqlText, conn);
                cmd.Parameters.AddWithValue("lat", lat);
                cmd.Parameters.AddWithValue("lng", lng);
                cmd.Parameters.AddWithValue("minLat", minLat);
                cmd.Parameters.AddWithValue("maxLat", maxLat);
                cmd.Parameters.AddWithValue("minLng", minLng);
                cmd.Parameters.AddWithValue("maxLng", maxLng);
                cmd.Parameters.AddWithValue("radius", radius);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                var ids = new List<Guid>();
                while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
                return ids;
            }
            capture.Reset();
            capture.Recording = true;
            await App();
            capture.Recording = false;
            Console.WriteLine($"-- {who}, {where}: {capture.Recorded.Count} statement(s)");
            foreach (var command in capture.Recorded.Where(c => c.Sql.Contains("asin", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine(await StatementPlans.Explain(conn, command, ct));
            var (appMs, app, sqlMs, sql) = await OpportunityDatabase.TimeAlternately(App, Sql, runs, warmup);
            if (!app.SequenceEqual(sql)) throw new InvalidOperationException($"{who}, {where}: the app and the SQL found different customers.");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {who} | {where} | {app.Count} | {OpportunityDatabase.P(appMs, 50):N2} | {OpportunityDatabase.P(appMs, 95):N2} | {OpportunityDatabase.P(sqlMs, 50):N2} | {OpportunityDatabase.P(sqlMs, 95):N2} |");
        }
        Console.WriteLine(report);
        return 0;
    }

    private static string Array(Func<(string Name, double Lat, double Lng), double> part) =>
        string.Join(",", Cities.Select(c => part(c).ToString(CultureInfo.InvariantCulture)));

    /// <summary>One customer through the app, then N copies of it by SQL with their own id, name, owner and point.</summary>
    private static async Task Load(ServiceProvider provider, string connectionString, int count, Guid[] owners, CancellationToken ct)
    {
        Guid template;
        await using (var s = provider.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<KeqingDb>();
            var now = DateTime.UtcNow;
            var c = new Customer
            {
                Kind = CustomerKind.Organization, Name = "模板客户", OwnerId = owners[0], CreatedAt = now, UpdatedAt = now,
                Latitude = 31.2304, Longitude = 121.4737, LocationSource = CustomerLocationSource.Imported, LocatedAt = now,
            };
            db.Add(c);
            await db.SaveChangesAsync(ct);
            template = c.Id;
        }
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var columns = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) columns.Add(reader.GetString(0));
        var replaced = new Dictionary<string, string>
        {
            ["Id"] = "gen_random_uuid()",
            ["Name"] = "'客户' || g",
            ["SearchName"] = "'客户' || g",
            ["OwnerId"] = $"(ARRAY[{string.Join(",", owners.Select(o => $"'{o}'::uuid"))}])[1 + (g % {owners.Length})]",
            ["Latitude"] = "p.lat",
            ["Longitude"] = "p.lng",
        };
        var select = string.Join(",", columns.Select(c => replaced.GetValueOrDefault(c, $"t.\"{c}\"")));
        // 30 % within about ±0.3° of one of ten cities, the rest anywhere in the box 18–53° N, 73–135° E.
        var sql = $"""
            SELECT setseed(0.17);
            INSERT INTO customers ({string.Join(",", columns.Select(c => $"\"{c}\""))})
            SELECT {select}
            FROM generate_series(1, {count - 1}) g
            CROSS JOIN LATERAL (SELECT g AS n, random() AS pick, random() AS a, random() AS b) r
            CROSS JOIN LATERAL (
                SELECT CASE WHEN r.pick < 0.3 THEN (ARRAY[{Array(c => c.Lat)}])[1 + g % 10] + (r.a - 0.5) * 0.6 ELSE 18 + r.a * 35 END AS lat,
                       CASE WHEN r.pick < 0.3 THEN (ARRAY[{Array(c => c.Lng)}])[1 + g % 10] + (r.b - 0.5) * 0.6 ELSE 73 + r.b * 62 END AS lng) p
            CROSS JOIN (SELECT * FROM customers WHERE "Id" = '{template}') t;
            VACUUM (ANALYZE) customers;
            """;
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var cmd = new NpgsqlCommand(statement, conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
