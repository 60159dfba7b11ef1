using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// Price resolution on PostgreSQL (issue 15): N products on two standard lists and two lists per price group (three
/// tiers each) and L customer lists of 50 products (two tiers), customers spread over the groups; then
/// <see cref="IPriceResolver.Resolve"/> in a new DI scope per call (as a request) beside one hand-written query for the
/// same answer, in turns, over random customers, products, dates and quantities. Target: p95 ≤ 2 ms.
/// </summary>
public static class PricesBench
{
    private const string HandWritten =
        """
        SELECT COALESCE(
          (SELECT i."UnitPriceMinor" FROM products_price_list_items i JOIN products_price_lists l ON l."Id" = i."PriceListId"
           WHERE i."ProductId" = @product AND i."MinQuantity" <= @quantity AND l."Active"
             AND EXISTS (SELECT 1 FROM products p WHERE p."Id" = @product AND p."Active")
             AND (l."ValidFrom" IS NULL OR l."ValidFrom" <= @date) AND (l."ValidTo" IS NULL OR l."ValidTo" >= @date)
             AND (l."Scope" = 'Standard'
                  OR (l."Scope" = 'Group' AND l."PriceGroupId" = (SELECT "PriceGroupId" FROM products_price_group_members WHERE "CustomerId" = @customer))
                  OR (l."Scope" = 'Customer' AND l."CustomerId" = @customer))
           ORDER BY CASE l."Scope" WHEN 'Customer' THEN 3 WHEN 'Group' THEN 2 ELSE 1 END DESC, COALESCE(l."ValidFrom", '-infinity'::date) DESC,
                    l."CreatedAt" DESC, i."MinQuantity" DESC
           LIMIT 1),
          (SELECT "ListPriceMinor" FROM products WHERE "Id" = @product AND "Active"))
        """;

    private static readonly int[] Quantities = [1, 5, 10, 60, 150, 250];

    public static async Task<int> Run(string[] args)
    {
        var productCount = OpportunityDatabase.Arg(args, "--products", 5_000);
        var customerLists = OpportunityDatabase.Arg(args, "--customer-lists", 1_000);
        var customerCount = OpportunityDatabase.Arg(args, "--customers", 20_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 3_000);
        // Enough calls for the JIT to reach its optimised code, as in an app that has been running.
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 500);
        var ct = CancellationToken.None;
        await using var data = await OpportunityDatabase.StartAsync(0, ct);
        var random = new Random(15);
        var products = Enumerable.Range(0, productCount).Select(i => Guid.CreateVersion7()).ToArray();
        var customers = Enumerable.Range(0, customerCount).Select(_ => Guid.NewGuid()).ToArray();
        var at = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var lists = new List<(PriceList List, Guid[] Products, int[] Tiers)>();

        await using (var scope = data.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.AddRange(products.Select((id, i) => new Product
            {
                Id = id, Sku = $"P{i:D6}", Name = $"产品{i}", Unit = "盒", ListPrice = Money.FromMinorUnits(10_000 + i), Cost = Money.FromMinorUnits(5_000),
                Active = i % 50 != 0, CreatedAt = at, UpdatedAt = at,
            }));
            var groups = Enumerable.Range(0, 4).Select(g => new PriceGroup { Name = $"价格组{g}" }).ToArray();
            db.AddRange(groups);
            db.AddRange(customers.Where((_, i) => i % 5 != 0).Select((c, i) => new PriceGroupMember { CustomerId = c, PriceGroupId = groups[i % 4].Id }));
            var n = 0;
            PriceList List(PriceListScope scope, Guid? group, Guid? customer, DateOnly? from, DateOnly? to) => new()
            {
                Name = $"价格表{n}", Scope = scope, PriceGroupId = group, CustomerId = customer, ValidFrom = from, ValidTo = to, CreatedAt = at.AddMinutes(n++), UpdatedAt = at,
            };
            lists.Add((List(PriceListScope.Standard, null, null, null, null), products, [1, 10, 100]));
            lists.Add((List(PriceListScope.Standard, null, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), products, [1, 10, 100]));
            foreach (var g in groups)
            {
                lists.Add((List(PriceListScope.Group, g.Id, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), products, [1, 10, 100]));
                lists.Add((List(PriceListScope.Group, g.Id, null, new DateOnly(2026, 7, 1), null), products.Where((_, i) => i % 3 == 0).ToArray(), [1, 20, 200]));
            }
            for (var i = 0; i < customerLists; i++)
                lists.Add((List(PriceListScope.Customer, null, customers[random.Next(customers.Length)], new DateOnly(2026, 1 + i % 6, 1), null),
                    Enumerable.Range(0, 50).Select(_ => products[random.Next(products.Length)]).Distinct().ToArray(), [1, 50]));
            db.AddRange(lists.Select(l => l.List));
            await db.SaveChangesAsync(ct);
        }

        long items = 0;
        await using (var conn = new NpgsqlConnection(data.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using (var w = await conn.BeginBinaryImportAsync(
                "COPY products_price_list_items (\"Id\",\"PriceListId\",\"ProductId\",\"MinQuantity\",\"UnitPriceMinor\",\"UnitPriceCurrency\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (list, onList, tiers) in lists)
                    foreach (var product in onList)
                        for (var t = 0; t < tiers.Length; t++)
                        {
                            await w.StartRowAsync(ct);
                            await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                            await w.WriteAsync(list.Id, NpgsqlDbType.Uuid, ct);
                            await w.WriteAsync(product, NpgsqlDbType.Uuid, ct);
                            await w.WriteAsync(tiers[t], NpgsqlDbType.Integer, ct);
                            await w.WriteAsync(9_000L - t * 100 - random.Next(100), NpgsqlDbType.Bigint, ct);
                            await w.WriteAsync("CNY", NpgsqlDbType.Varchar, ct);
                            items++;
                        }
                await w.CompleteAsync(ct);
            }
            await using var analyze = new NpgsqlCommand("ANALYZE", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"  {productCount:N0} products, {lists.Count:N0} lists, {items:N0} tiers, {customerCount:N0} customers");

        var cases = Enumerable.Range(0, runs + warmup).Select(_ => (
            Customer: customers[random.Next(customers.Length)], Product: products[random.Next(products.Length)],
            Date: new DateOnly(2026, 1, 1).AddDays(random.Next(365)), Quantity: Quantities[random.Next(Quantities.Length)])).ToArray();
        var next = 0;
        await using var sqlConn = new NpgsqlConnection(data.ConnectionString);
        await sqlConn.OpenAsync(ct);

        // What the resolver sends for one call, and how PostgreSQL runs it (custom and generic plan).
        data.Capture.Reset();
        data.Capture.Recording = true;
        await using (var s = data.Provider.CreateAsyncScope())
            await s.ServiceProvider.GetRequiredService<IPriceResolver>().Resolve(cases[0].Customer, cases[0].Product, cases[0].Date, cases[0].Quantity, ct);
        data.Capture.Recording = false;
        var statements = data.Capture.Recorded.Count;
        Console.WriteLine($"  the resolver sends {statements} statement(s) per call:");
        foreach (var command in data.Capture.Recorded) Console.WriteLine(await StatementPlans.Explain(sqlConn, command, ct));
        var mismatches = 0;
        var (handlerMs, _, rawMs, _) = await OpportunityDatabase.TimeAlternately(async () =>
        {
            var c = cases[next % cases.Length];
            await using var s = data.Provider.CreateAsyncScope();
            var price = await s.ServiceProvider.GetRequiredService<IPriceResolver>().Resolve(c.Customer, c.Product, c.Date, c.Quantity, ct);
            return price?.UnitPrice.MinorUnits;
        }, async () =>
        {
            var c = cases[next++ % cases.Length];
            await using var cmd = new NpgsqlCommand(HandWritten, sqlConn);
            cmd.Parameters.AddWithValue("product", c.Product);
            cmd.Parameters.AddWithValue("customer", c.Customer);
            cmd.Parameters.AddWithValue("date", c.Date);
            cmd.Parameters.AddWithValue("quantity", c.Quantity);
            var value = await cmd.ExecuteScalarAsync(ct);
            return value is long minor ? minor : (long?)null;
        }, runs, warmup);

        // The answers agree on every case (checked once more outside the timing).
        next = 0;
        foreach (var c in cases.Take(200))
        {
            await using var s = data.Provider.CreateAsyncScope();
            var price = await s.ServiceProvider.GetRequiredService<IPriceResolver>().Resolve(c.Customer, c.Product, c.Date, c.Quantity, ct);
            await using var cmd = new NpgsqlCommand(HandWritten, sqlConn);
            cmd.Parameters.AddWithValue("product", c.Product);
            cmd.Parameters.AddWithValue("customer", c.Customer);
            cmd.Parameters.AddWithValue("date", c.Date);
            cmd.Parameters.AddWithValue("quantity", c.Quantity);
            if ((await cmd.ExecuteScalarAsync(ct) is long m ? m : (long?)null) != price?.UnitPrice.MinorUnits) mismatches++;
        }
        var (hp50, hp95) = (OpportunityDatabase.P(handlerMs, 50), OpportunityDatabase.P(handlerMs, 95));
        var (rp50, rp95) = (OpportunityDatabase.P(rawMs, 50), OpportunityDatabase.P(rawMs, 95));
        var ok = hp95 <= 2 && mismatches == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""

            ### price resolution, postgres ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)

            - {Environment.ProcessorCount} cores; {productCount:N0} products, {lists.Count:N0} lists, {items:N0} tiers; {runs} timed runs after {warmup} warm-up, resolver and query in turns; resolver = `IPriceResolver.Resolve` in a new DI scope, {statements} statement(s) per call

            | resolver p50 ms | resolver p95 ms | hand-written p50 ms | hand-written p95 ms | resolver ÷ SQL p95 | answers differing (of 200) | target | result |
            |--:|--:|--:|--:|--:|--:|---|---|
            | {hp50:N2} | {hp95:N2} | {rp50:N2} | {rp95:N2} | {hp95 / rp95:N2} | {mismatches} | p95 ≤ 2 ms | {(ok ? "pass" : "**MISSED TARGET**")} |
            """));
        return ok ? 0 : 1;
    }
}
