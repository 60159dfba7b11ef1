using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Features;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// The sales database's analytics on PostgreSQL (issue 15: 10,000,000 rows of 进销存): loads distributors × products ×
/// months of reports (binary COPY, month by month as they arrive) with skewed volumes — a few big distributors and best
/// sellers carry most of the sales, a tenth of the series fall, a tenth pile up stock, 2 % of the distributors miss the
/// last month — then times the app's code through DI beside hand-written SQL, in turns, and checks they agree:
/// one distributor × product's trend (bar 30 ms), the last month's heat map by distributor × category (bar 300 ms; it
/// reads the kept summary, built after the COPY load and timed as a load step) and the alert scan of the last month (bar 10 s).
/// </summary>
public static class SellThroughBench
{
    private const string TrendSql =
        """
        SELECT "Month", "Opening", "Purchases", "Sales", "Closing", "Balanced" FROM sellthrough_rows
        WHERE "DistributorId" = @d AND "ProductId" = @p AND "Month" >= @from AND "Month" <= @to ORDER BY "Month"
        """;

    // The heat map's cells read straight from the kept summary.
    private const string HeatmapSummarySql =
        """
        SELECT "DistributorId", "CategoryId", "Closing", "AverageSalesTimesSix" FROM sellthrough_summary WHERE "Month" = @m
        """;

    // The same sums from the rows, as before the summary: the three months grouped per distributor × product, the
    // category from the catalogue.
    private const string HeatmapSql =
        """
        WITH per_product AS (
            SELECT "DistributorId", "ProductId", COUNT(*) AS reported, SUM("Sales") AS sales,
                   SUM(CASE WHEN "Month" = @m THEN "Closing" ELSE 0 END) AS closing
            FROM sellthrough_rows WHERE "Month" >= @m2 AND "Month" <= @m
            GROUP BY "DistributorId", "ProductId" HAVING MAX("Month") = @m)
        SELECT r."DistributorId", p."CategoryId", SUM(r.closing)::bigint, SUM(r.sales * (6 / r.reported))::bigint
        FROM per_product r LEFT JOIN products p ON p."Id" = r."ProductId"
        GROUP BY r."DistributorId", p."CategoryId"
        """;

    // The scan with window functions: each row of the month with the three months before it (LAG), hits only.
    private const string ScanSql =
        """
        WITH w AS (
            SELECT "DistributorId", "ProductId", "Month", "Sales", "Closing",
                   LAG("Sales", 1) OVER s AS s1, LAG("Sales", 2) OVER s AS s2, LAG("Sales", 3) OVER s AS s3,
                   LAG("Month", 1) OVER s AS m1, LAG("Month", 2) OVER s AS m2, LAG("Month", 3) OVER s AS m3
            FROM sellthrough_rows WHERE "Month" >= @m3 AND "Month" <= @m
            WINDOW s AS (PARTITION BY "DistributorId", "ProductId" ORDER BY "Month"))
        SELECT COUNT(*) FILTER (WHERE m3 IS NOT NULL AND "Sales" < s1 AND s1 < s2 AND s2 < s3)
             + COUNT(*) FILTER (WHERE "Closing" > 0 AND "Closing" * (1 + (COALESCE(m1, 0) >= @m2)::int + (COALESCE(m2, 0) >= @m2)::int) * 100
                   > @limit * ("Sales" + CASE WHEN m1 >= @m2 THEN s1 ELSE 0 END + CASE WHEN m2 >= @m2 THEN s2 ELSE 0 END))
             + (SELECT COUNT(DISTINCT "DistributorId") FROM sellthrough_rows o WHERE o."Month" = @prev
                AND NOT EXISTS (SELECT 1 FROM sellthrough_rows n WHERE n."Month" = @m AND n."DistributorId" = o."DistributorId"))
        FROM w WHERE "Month" = @m
        """;

    private const int Categories = 20;
    private const decimal Limit = 3m;

    public static async Task<int> Run(string[] args)
    {
        var products = OpportunityDatabase.Arg(args, "--products", 500);
        var months = OpportunityDatabase.Arg(args, "--months", 10);
        var rows = OpportunityDatabase.Arg(args, "--rows", 10_000_000);
        var distributors = OpportunityDatabase.Arg(args, "--distributors", Math.Max(1, rows / (products * months)));
        var runs = OpportunityDatabase.Arg(args, "--runs", 50);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 3);
        var ct = CancellationToken.None;
        var last = SellThroughMonth.Of(2026, 10);
        var first = SellThroughMonth.Add(last, -(months - 1));

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        await using var provider = await BenchPostgres.AppServicesAsync(connectionString, new CommandCapture(), ct);

        var (ownerId, distributorIds, productIds) = await Seed(provider, distributors, products, ct);
        var load = Stopwatch.StartNew();
        var loaded = await Load(connectionString, distributorIds, productIds, first, months, ct);
        var loadSeconds = load.Elapsed.TotalSeconds;
        Console.WriteLine($"  loaded {loaded:N0} rows in {loadSeconds:N1} s");
        // The COPY bypasses the write path: the heat map's summary is built from the rows, month by month, as the alert job would.
        var build = Stopwatch.StartNew();
        var summaryCells = 0;
        for (var (month, i) = (first, 0); i < months; (month, i) = (SellThroughMonth.Next(month), i + 1))
        {
            await using var s = provider.CreateAsyncScope();
            summaryCells += await s.ServiceProvider.GetRequiredService<SellThroughSummary>().Rebuild(month, ct);
        }
        var buildSeconds = build.Elapsed.TotalSeconds;
        Console.WriteLine($"  built the heat map summary ({summaryCells:N0} cells, {months} months) in {buildSeconds:N1} s");
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, ownerId.ToString()), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"### sell-through, postgres, {loaded:N0} rows = {distributors:N0} distributors × {products:N0} products × {months} months ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; app (a new DI scope per call, as admin) and hand-written SQL in turns after warm-up runs");
        report.AppendLine(CultureInfo.InvariantCulture, $"- load: COPY of the rows {loadSeconds:N1} s; heat map summary built from them ({summaryCells:N0} cells, {months} months, `SellThroughSummary.Rebuild` per month) {buildSeconds:N1} s");
        report.AppendLine().AppendLine("| what | runs | app p50 ms | app p95 ms | SQL p50 ms | SQL p95 ms | app ÷ SQL p95 | bar | result |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|");
        var pass = true;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);

        // The trend: the biggest distributor's best seller and a random small pair, the last 18 months.
        var r = new Random(11);
        var pairs = Enumerable.Range(0, 20).Select(i => i == 0 ? (D: distributorIds[0], P: productIds[0])
            : (D: distributorIds[r.Next(distributorIds.Length)], P: productIds[r.Next(productIds.Length)])).ToArray();
        var turn = 0;
        async Task<long> AppTrend()
        {
            var (d, p) = pairs[turn % pairs.Length];
            await using var s = provider.CreateAsyncScope();
            s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
            var trend = await s.ServiceProvider.GetRequiredService<SellThroughTrend>()
                .Get(d, p, SellThroughMonth.Format(SellThroughMonth.Add(last, -17)), SellThroughMonth.Format(last), ct);
            return trend.Months.Sum(m => m.Closing + m.Sales);
        }
        async Task<long> SqlTrend()
        {
            var (d, p) = pairs[turn++ % pairs.Length];
            await using var cmd = new NpgsqlCommand(TrendSql, conn);
            cmd.Parameters.AddWithValue("d", d);
            cmd.Parameters.AddWithValue("p", p);
            cmd.Parameters.AddWithValue("from", SellThroughMonth.Add(last, -17));
            cmd.Parameters.AddWithValue("to", last);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            long sum = 0;
            while (await reader.ReadAsync(ct)) sum += reader.GetInt64(4) + reader.GetInt64(3);
            return sum;
        }
        var trendRuns = Math.Max(runs, 20) * 2;
        var (appTrendMs, appTrend, sqlTrendMs, sqlTrend) = await OpportunityDatabase.TimeAlternately(AppTrend, SqlTrend, trendRuns, warmup * pairs.Length / 2);
        if (appTrend != sqlTrend) throw new InvalidOperationException($"Trend differs: app {appTrend}, SQL {sqlTrend}.");
        pass &= Row(report, "trend of one distributor × product (18 months)", trendRuns, appTrendMs, sqlTrendMs, 30);

        async Task<(int Cells, long Closing, int Over)> AppHeatmap()
        {
            await using var s = provider.CreateAsyncScope();
            s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
            var map = await s.ServiceProvider.GetRequiredService<SellThroughHeatmap>().Get(SellThroughMonth.Format(last), ct);
            return (map.Cells.Count, map.Cells.Sum(c => c.Closing), map.Cells.Count(c => c.Level == StockLevels.Over));
        }
        async Task<(int Cells, long Closing, int Over)> SqlHeatmap(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("m", last);
            if (sql == HeatmapSql) cmd.Parameters.AddWithValue("m2", SellThroughMonth.Add(last, -2));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var (cells, closing, over) = (0, 0L, 0);
            while (await reader.ReadAsync(ct))
            {
                var c = reader.GetInt64(2);
                cells++;
                closing += c;
                if (StockMetrics.Exceeds(StockMetrics.Cover(c, reader.GetInt64(3), 6), Limit)) over++;
            }
            return (cells, closing, over);
        }
        var heatRuns = Math.Max(5, runs / 2);
        var (appHeatMs, appHeat, sqlHeatMs, sqlHeat) = await OpportunityDatabase.TimeAlternately(AppHeatmap, () => SqlHeatmap(HeatmapSummarySql), heatRuns, warmup);
        if (appHeat != sqlHeat) throw new InvalidOperationException($"Heat map differs: app {appHeat}, SQL over the summary {sqlHeat}.");
        pass &= Row(report, $"heat map of the month ({appHeat.Cells:N0} cells, {appHeat.Over:N0} over the limit), SQL over the summary", heatRuns, appHeatMs, sqlHeatMs, 300);
        // The old way in the same run: the app's reading of the summary beside the hand-written SQL over the rows.
        var rowsRuns = Math.Max(3, runs / 10);
        var (appHeat2Ms, _, rowsHeatMs, rowsHeat) = await OpportunityDatabase.TimeAlternately(AppHeatmap, () => SqlHeatmap(HeatmapSql), rowsRuns, 1);
        if (appHeat != rowsHeat) throw new InvalidOperationException($"Heat map differs: app {appHeat}, SQL over the rows {rowsHeat}.");
        _ = Row(report, "heat map of the month, SQL over the rows (no summary)", rowsRuns, appHeat2Ms, rowsHeatMs, 300);

        async Task<int> AppScan()
        {
            await using var s = provider.CreateAsyncScope();
            return (await s.ServiceProvider.GetRequiredService<ScanSellThroughAlerts>().Find(last, Limit, true, ct)).Count;
        }
        async Task<int> SqlScan()
        {
            await using var cmd = new NpgsqlCommand(ScanSql, conn) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("m", last);
            cmd.Parameters.AddWithValue("prev", SellThroughMonth.Add(last, -1));
            cmd.Parameters.AddWithValue("m2", SellThroughMonth.Add(last, -2));
            cmd.Parameters.AddWithValue("m3", SellThroughMonth.Add(last, -3));
            cmd.Parameters.AddWithValue("limit", (long)(Limit * 100));
            return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var scanRuns = Math.Max(3, runs / 10);
        var (appScanMs, appScan, sqlScanMs, sqlScan) = await OpportunityDatabase.TimeAlternately(AppScan, SqlScan, scanRuns, 1);
        if (appScan != sqlScan) throw new InvalidOperationException($"Alert scan differs: app {appScan} hits, SQL {sqlScan}.");
        pass &= Row(report, $"alert scan of the month ({appScan:N0} hits)", scanRuns, appScanMs, sqlScanMs, 10_000);

        // The job's whole first run of the month: find, then raise every hit (bulk alerts, a task per distributor, a
        // notification per person), all distributors one owner's; then a second run, which finds the same and raises nothing.
        async Task<(double Ms, int Raised)> RaiseRun()
        {
            await using var s = provider.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var raised = await s.ServiceProvider.GetRequiredService<ScanSellThroughAlerts>().RaiseNew(last, true, ct);
            return (watch.Elapsed.TotalMilliseconds, raised);
        }
        var (firstMs, firstRaised) = await RaiseRun();
        var (secondMs, secondRaised) = await RaiseRun();
        if (firstRaised != appScan || secondRaised != 0)
            throw new InvalidOperationException($"The job raised {firstRaised:N0} then {secondRaised:N0}; expected {appScan:N0} then 0.");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| alert job, first run of the month: find + raise {firstRaised:N0} alerts ({distributors:N0} tasks, one owner) | 1 | {firstMs:N1} | {firstMs:N1} | | | | ≤ 10,000 | {(firstMs <= 10_000 ? "pass" : "MISSED")} |");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| alert job, second run (nothing new) | 1 | {secondMs:N1} | {secondMs:N1} | | | | ≤ 10,000 | {(secondMs <= 10_000 ? "pass" : "MISSED")} |");
        pass &= firstMs <= 10_000 && secondMs <= 10_000;

        Console.WriteLine(report);
        return pass ? 0 : 1;
    }

    private static bool Row(StringBuilder report, string what, int runs, List<double> appMs, List<double> sqlMs, double barMs)
    {
        var (a50, a95, s50, s95) = (OpportunityDatabase.P(appMs, 50), OpportunityDatabase.P(appMs, 95), OpportunityDatabase.P(sqlMs, 50), OpportunityDatabase.P(sqlMs, 95));
        var pass = a95 <= barMs;
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {what} | {runs} | {a50:N1} | {a95:N1} | {s50:N1} | {s95:N1} | {a95 / s95:N2} | ≤ {barMs:N0} | {(pass ? "pass" : "MISSED")} |");
        return pass;
    }

    /// <summary>An owner, the distributors (customers), the categories and the products, through EF.</summary>
    private static async Task<(Guid Owner, Guid[] Distributors, Guid[] Products)> Seed(IServiceProvider provider, int distributors, int products, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const string email = "owner@bench.keqing.local";
        var owner = new User
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "渠道经理", CreatedAt = at, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Add(owner);
        var customers = Enumerable.Range(0, distributors).Select(i => new Customer
        {
            Kind = CustomerKind.Organization, Name = $"经销商{i:D5}医药有限公司", OwnerId = owner.Id, CreatedAt = at, UpdatedAt = at,
        }).ToList();
        db.AddRange(customers);
        var categories = Enumerable.Range(0, Categories).Select(i => new ProductCategory { Name = $"品类{i:D2}", Order = i }).ToList();
        db.AddRange(categories);
        // Every twentieth product has no category (a cell of its own in the heat map).
        var catalogue = Enumerable.Range(0, products).Select(i => new Product
        {
            Sku = $"ST-{i:D5}", Name = $"产品{i:D5}", Unit = "盒", CategoryId = i % 20 == 19 ? null : categories[i % Categories].Id,
            ListPrice = Keqing.Infrastructure.Money.Money.Of(100m), Cost = Keqing.Infrastructure.Money.Money.Of(40m), CreatedAt = at, UpdatedAt = at,
        }).ToList();
        db.AddRange(catalogue);
        await db.SaveChangesAsync(ct);
        return (owner.Id, customers.Select(c => c.Id).ToArray(), catalogue.Select(p => p.Id).ToArray());
    }

    /// <summary>
    /// Month by month, every distributor × product. Volumes follow the distributor's and the product's rank (Zipf-like);
    /// one series in ten falls month after month, one in ten buys in far more than it sells; distributors whose index
    /// ends in 49 or 99 miss the last month.
    /// </summary>
    private static async Task<long> Load(string connectionString, Guid[] distributors, Guid[] products, int first, int months, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sellthrough_rows' AND indexname <> 'PK_sellthrough_rows'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        var r = new Random(15);
        var (d, p) = (distributors.Length, products.Length);
        var closing = new long[d * p];
        var baseSales = new long[d * p];
        var kind = new byte[d * p];
        for (var i = 0; i < d; i++)
        for (var j = 0; j < p; j++)
        {
            var k = i * p + j;
            baseSales[k] = Math.Max(1, (long)(20_000 / Math.Pow(i + 1, 0.8) / Math.Pow(j + 1, 0.6)));
            kind[k] = (byte)r.Next(10); // 0: falling, 1: piling, else steady
            closing[k] = baseSales[k] * (1 + r.Next(3));
        }
        long count = 0;
        var at = new DateTime(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY sellthrough_rows (\"Id\",\"DistributorId\",\"ProductId\",\"Month\",\"Opening\",\"Purchases\",\"Sales\",\"Closing\",\"Balanced\",\"Source\",\"ReportedAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var m = 0; m < months; m++)
            {
                var month = SellThroughMonth.Add(first, m);
                for (var i = 0; i < d; i++)
                {
                    if (m == months - 1 && i % 50 == 49) continue;
                    var reportedAt = at.AddMonths(m).AddMinutes(i);
                    for (var j = 0; j < p; j++)
                    {
                        var k = i * p + j;
                        var sales = kind[k] == 0 ? Math.Max(0, baseSales[k] * (months - m) / months)
                            : Math.Max(0, baseSales[k] + r.Next(-(int)Math.Min(baseSales[k] / 3, 1000), (int)Math.Min(baseSales[k] / 3, 1000) + 1));
                        var opening = closing[k];
                        var purchases = kind[k] == 1 ? sales * 2 + 1 : Math.Max(0, sales + r.Next(-5, 6));
                        var close = Math.Max(0, opening + purchases - sales);
                        closing[k] = close;
                        await w.StartRowAsync(ct);
                        await w.WriteAsync(Ids.Version7(reportedAt, r), NpgsqlDbType.Uuid, ct);
                        await w.WriteAsync(distributors[i], NpgsqlDbType.Uuid, ct);
                        await w.WriteAsync(products[j], NpgsqlDbType.Uuid, ct);
                        await w.WriteAsync(month, NpgsqlDbType.Integer, ct);
                        await w.WriteAsync(opening, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(purchases, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(sales, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(close, NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(opening + purchases - sales == close, NpgsqlDbType.Boolean, ct);
                        await w.WriteAsync((short)SellThroughSource.Api, NpgsqlDbType.Smallint, ct);
                        await w.WriteAsync(reportedAt, NpgsqlDbType.TimestampTz, ct);
                        if (++count % 500_000 == 0) Console.Write($"\r  copied {count:N0}   ");
                    }
                }
            }
            await w.CompleteAsync(ct);
        }
        Console.WriteLine();
        foreach (var (_, definition) in indexes) await Exec(conn, definition, ct);
        await Exec(conn, "VACUUM (ANALYZE) sellthrough_rows", ct);
        return count;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
