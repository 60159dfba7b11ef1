using System.Diagnostics;
using System.Globalization;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// Order lines on PostgreSQL (issue 15: designed for 10,000,000 lines): loads N lines (binary COPY) over 20,000
/// customers and 2,000 products across three years, one customer holding 1 % of them (the skew a big distributor
/// brings), then times, for that customer and for a typical one, the app's <see cref="ILastPrices"/> for 50 products
/// (one window-function query) beside a hand-written LATERAL query, and the customer's counted sales by month (an EF
/// query over OrderLine as value analytics will write it) beside hand-written SQL, in turns, and checks the answers agree.
/// </summary>
public static class OrderLinesBench
{
    private const string LastPricesSql =
        """
        SELECT p.id, l."NetAmountMinor", l."Quantity", l."OrderDate"
        FROM unnest(@products) AS p(id)
        CROSS JOIN LATERAL (
            SELECT "NetAmountMinor", "Quantity", "OrderDate" FROM orders_lines
            WHERE "CustomerId" = @customer AND "ProductId" = p.id AND "Counts" AND "Quantity" > 0
            ORDER BY "OrderDate" DESC, "Id" DESC LIMIT 1) l
        """;

    private const string SalesByMonthSql =
        """
        SELECT date_trunc('month', "OrderDate")::date AS month, SUM("NetAmountMinor")
        FROM orders_lines WHERE "CustomerId" = @customer AND "Counts"
        GROUP BY 1 ORDER BY 1
        """;

    private const int Customers = 20_000;
    private const int Products = 2_000;

    public static async Task<int> Run(string[] args)
    {
        var count = OpportunityDatabase.Arg(args, "--lines", 10_000_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 100);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 5);
        var ct = CancellationToken.None;

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        var capture = new CommandCapture();
        await using var provider = await BenchPostgres.AppServicesAsync(connectionString, capture, ct);

        var r = new Random(15);
        var customerIds = Enumerable.Range(0, Customers).Select(_ => Guid.NewGuid()).ToArray();
        var productIds = Enumerable.Range(0, Products).Select(_ => Guid.NewGuid()).ToArray();
        var load = Stopwatch.StartNew();
        await Load(connectionString, customerIds, productIds, count, r, ct);
        Console.WriteLine($"  loaded {count:N0} order lines in {load.Elapsed.TotalSeconds:N1} s");

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### order lines, postgres, {count:N0} lines ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; {runs} timed runs after {warmup} warm-up runs, app and SQL in turns; a new DI scope per app call");
        report.AppendLine().AppendLine("| customer | lines | what | app p50 ms | app p95 ms | SQL p50 ms | SQL p95 ms | app ÷ SQL p95 |");
        report.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|");
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        // The statements one app call sends, and how PostgreSQL runs them (custom and generic plan).
        async Task PrintPlans<T>(string what, Func<Task<T>> call)
        {
            capture.Reset();
            capture.Recording = true;
            await call();
            capture.Recording = false;
            Console.WriteLine($"-- {what}: {capture.Recorded.Count} statement(s)");
            foreach (var command in capture.Recorded) Console.WriteLine(await StatementPlans.Explain(conn, command, ct));
        }
        foreach (var (name, customer) in new[] { ("big (1 % of lines)", customerIds[0]), ("typical", customerIds[1 + r.Next(Customers - 1)]) })
        {
            long lineCount;
            await using (var c = new NpgsqlCommand("SELECT COUNT(*) FROM orders_lines WHERE \"CustomerId\" = @c", conn))
            {
                c.Parameters.AddWithValue("c", customer);
                lineCount = (long)(await c.ExecuteScalarAsync(ct))!;
            }
            var asked = productIds.OrderBy(_ => r.Next()).Take(50).ToArray();
            async Task<Dictionary<Guid, long>> AppLast()
            {
                await using var s = provider.CreateAsyncScope();
                var prices = await s.ServiceProvider.GetRequiredService<ILastPrices>().Of(customer, asked, ct);
                return prices.ToDictionary(p => p.Key, p => (long)p.Value.OrderDate.DayNumber);
            }
            async Task<Dictionary<Guid, long>> SqlLast()
            {
                await using var cmd = new NpgsqlCommand(LastPricesSql, conn);
                cmd.Parameters.AddWithValue("products", asked);
                cmd.Parameters.AddWithValue("customer", customer);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                var result = new Dictionary<Guid, long>();
                while (await reader.ReadAsync(ct)) result[reader.GetGuid(0)] = DateOnly.FromDateTime(reader.GetDateTime(3)).DayNumber;
                return result;
            }
            await PrintPlans($"{name}: last prices of 50 products", AppLast);
            var (appMs, app, sqlMs, sql) = await OpportunityDatabase.TimeAlternately(AppLast, SqlLast, runs, warmup);
            if (app.Count != sql.Count || app.Any(p => sql.GetValueOrDefault(p.Key) != p.Value))
                throw new InvalidOperationException($"{name}: last prices differ between the app and the SQL.");
            Row(report, name, lineCount, "last prices of 50 products", appMs, sqlMs);

            async Task<long> AppMonths()
            {
                await using var s = provider.CreateAsyncScope();
                var db = s.ServiceProvider.GetRequiredService<KeqingDb>();
                var months = await db.Set<OrderLine>().AsNoTracking().Where(l => l.CustomerId == customer && l.Counts)
                    .GroupBy(l => new { l.OrderDate.Year, l.OrderDate.Month })
                    .Select(g => new { g.Key.Year, g.Key.Month, Net = g.Sum(l => l.NetAmount.MinorUnits) })
                    .OrderBy(m => m.Year).ThenBy(m => m.Month).ToListAsync(ct);
                return months.Sum(m => m.Net) + months.Count;
            }
            async Task<long> SqlMonths()
            {
                await using var cmd = new NpgsqlCommand(SalesByMonthSql, conn);
                cmd.Parameters.AddWithValue("customer", customer);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                long total = 0;
                while (await reader.ReadAsync(ct)) total += (long)reader.GetDecimal(1) + 1;
                return total;
            }
            await PrintPlans($"{name}: sales by month", AppMonths);
            var (appMonthsMs, appMonths, sqlMonthsMs, sqlMonths) = await OpportunityDatabase.TimeAlternately(AppMonths, SqlMonths, runs, warmup);
            if (appMonths != sqlMonths) throw new InvalidOperationException($"{name}: sales by month differ between the app and the SQL.");
            Row(report, name, lineCount, "sales by month", appMonthsMs, sqlMonthsMs);
        }
        Console.WriteLine(report);
        return 0;
    }

    private static void Row(StringBuilder report, string name, long lines, string what, List<double> appMs, List<double> sqlMs)
    {
        var (a50, a95, s50, s95) = (OpportunityDatabase.P(appMs, 50), OpportunityDatabase.P(appMs, 95), OpportunityDatabase.P(sqlMs, 50), OpportunityDatabase.P(sqlMs, 95));
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {lines:N0} | {what} | {a50:N2} | {a95:N2} | {s50:N2} | {s95:N2} | {a95 / s95:N2} |");
    }

    /// <summary>Lines over 2024–2026 order dates; customer 0 holds 1 % of them; 3 % do not count (cancelled orders).</summary>
    private static async Task Load(string connectionString, Guid[] customers, Guid[] products, int count, Random r, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders_lines' AND indexname <> 'PK_orders_lines'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        // The lines need no order rows here: foreign keys are not checked while replicating.
        await Exec(conn, "SET session_replication_role = replica", ct);
        var start = new DateOnly(2024, 1, 1);
        var at = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY orders_lines (\"Id\",\"OrderId\",\"LineNo\",\"CustomerId\",\"OrderDate\",\"Counts\",\"ProductId\",\"Quantity\",\"VatRatePercent\"," +
            "\"NetAmountCurrency\",\"NetAmountMinor\",\"TaxAmountCurrency\",\"TaxAmountMinor\",\"UnitCostCurrency\",\"UnitCostMinor\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var orderId = Guid.Empty;
            for (var i = 0; i < count; i++)
            {
                var lineNo = i % 5 + 1;
                if (lineNo == 1) orderId = Ids.Version7(at.AddSeconds(i), r);
                var customer = r.Next(100) == 0 ? customers[0] : customers[1 + r.Next(customers.Length - 1)];
                var quantity = 1 + r.Next(50);
                var unit = 1_000 + r.Next(500_000);
                var net = (long)unit * quantity;
                await w.StartRowAsync(ct);
                await w.WriteAsync(Ids.Version7(at.AddSeconds(i), r), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(orderId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(lineNo, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(customer, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(start.AddDays(r.Next(3 * 365)), NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Next(100) >= 3, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(products[r.Next(products.Length)], NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(quantity, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(13m, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync("CNY", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(net, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync("CNY", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(net * 13 / 100, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync("CNY", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((long)(unit * 0.6), NpgsqlDbType.Bigint, ct);
                if (i % 100_000 == 99_999) Console.Write($"\r  copied {i + 1:N0}   ");
            }
            await w.CompleteAsync(ct);
        }
        Console.WriteLine();
        foreach (var (_, definition) in indexes) await Exec(conn, definition, ct);
        await Exec(conn, "SET session_replication_role = DEFAULT", ct);
        await Exec(conn, "VACUUM (ANALYZE) orders_lines", ct);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
