using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Keeps the heat map's cells (<see cref="SellThroughSummaryCell"/>) so that the heat map reads a month's ~40,000 cells
/// instead of aggregating its million rows. Per distributor × product reported in a month: its closing stock and its
/// average monthly sales over the reported months among the month and the two before (<see cref="StockMetrics"/>); a
/// cell adds these up over the category's products, the averages exactly as whole numbers over the common denominator
/// 6 (= 3·2·1): Σ sales_i·(6 ÷ n_i).
/// <para>Kept up to date by the one write path (<see cref="SellThroughUpsert"/>): in the batch's transaction, the cells
/// of each (distributor, month) the batch touched and of the two months after (whose averages read it) are recomputed
/// from the rows, set-based, with the catalogue's categories at that moment. A product moved to another category is
/// picked up by <see cref="Rebuild"/>, which the alert scan job runs for the month it scans each time (so the heat map
/// follows a category change within a day); earlier months keep the categories they were written with until rebuilt.</para>
/// </summary>
public sealed class SellThroughSummary(KeqingDb db, IProductCatalog products, IDbContextFactory<KeqingDb> contexts)
{
    private const int Common = 6;

    // The write path's product → category map, read once per scope: an import's job is one scope of thousands of
    // batches, and a category changed meanwhile is picked up by the next Rebuild (see above).
    private List<KeyValuePair<Guid, Guid?>>? categorisedForRefresh;

    /// <summary>Recomputes, in the caller's transaction, the cells of the distributors' months reported and the two months after each.</summary>
    public async Task Refresh(IEnumerable<(Guid DistributorId, int Month)> reported, CancellationToken ct)
    {
        var scope = reported.SelectMany(r => new[] { (r.DistributorId, r.Month), (r.DistributorId, SellThroughMonth.Add(r.Month, 1)), (r.DistributorId, SellThroughMonth.Add(r.Month, 2)) })
            .Distinct().ToList();
        if (scope.Count == 0) return;
        var postgres = db.Database.IsNpgsql();
        var parameters = new List<object>();
        string scopeSql;
        if (postgres)
        {
            parameters.AddRange([scope.Select(s => s.Item1).ToArray(), scope.Select(s => s.Item2).ToArray(),
                scope.Select(s => SellThroughMonth.Add(s.Item2, -1)).ToArray(), scope.Select(s => SellThroughMonth.Add(s.Item2, -2)).ToArray()]);
            scopeSql = "SELECT d, m, m1, m2 FROM unnest({0}, {1}, {2}, {3}) AS s(d, m, m1, m2)";
        }
        else
        {
            parameters.Add(JsonSerializer.Serialize(scope.Select(s => new object[]
                { s.Item1.ToString().ToUpperInvariant(), s.Item2, SellThroughMonth.Add(s.Item2, -1), SellThroughMonth.Add(s.Item2, -2) })));
            scopeSql = "SELECT json_extract(value, '$[0]') AS d, json_extract(value, '$[1]') AS m, json_extract(value, '$[2]') AS m1, json_extract(value, '$[3]') AS m2 FROM json_each({0})";
        }
        var delete = $"WITH scope AS ({scopeSql}) DELETE FROM sellthrough_summary " +
                     "WHERE EXISTS (SELECT 1 FROM scope s WHERE s.m = sellthrough_summary.\"Month\" AND s.d = sellthrough_summary.\"DistributorId\")";
        await db.Database.ExecuteSqlRawAsync(delete, parameters, ct);
        categorisedForRefresh ??= await Categorised(ct);
        await Insert(scopeSql, byDistributor: true, parameters, categorisedForRefresh, ct);
    }

    /// <summary>
    /// Marks, in the caller's transaction, the distributors' months reported as still to be refreshed (an import's batch:
    /// <see cref="RefreshPending"/> at its end recomputes each month once, where refreshing batch by batch recomputed a
    /// distributor's months for every batch that named it). A mark already there is updated, not skipped: the update
    /// locks it, so a refresh deleting it waits for this transaction and then reads its rows.
    /// </summary>
    public async Task MarkPending(IEnumerable<(Guid DistributorId, int Month)> reported, DateTime now, CancellationToken ct)
    {
        var pairs = reported.Distinct().ToList();
        if (pairs.Count == 0) return;
        const string insert = "INSERT INTO sellthrough_summary_pending (\"DistributorId\", \"Month\", \"MarkedAt\") ";
        const string onConflict = " ON CONFLICT (\"DistributorId\", \"Month\") DO UPDATE SET \"MarkedAt\" = excluded.\"MarkedAt\"";
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(insert + "SELECT d, m, {2} FROM unnest({0}, {1}) AS p(d, m)" + onConflict,
                [pairs.Select(p => p.DistributorId).ToArray(), pairs.Select(p => p.Month).ToArray(), now], ct);
        else
            // "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
            await db.Database.ExecuteSqlRawAsync(insert + "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), {1} FROM json_each({0}) WHERE true" + onConflict,
                [JsonSerializer.Serialize(pairs.Select(p => new object[] { p.DistributorId.ToString().ToUpperInvariant(), p.Month })), now], ct);
    }

    /// <summary>
    /// Recomputes the cells of every marked month (<see cref="MarkPending"/>) and removes the marks, in one transaction
    /// (the caller's, if it has one). Cheap when nothing is marked: one look at an empty table. The marks are taken by
    /// a DELETE … RETURNING before the cells are computed, so the computing statement sees every row whose mark it took.
    /// Without a caller's transaction, PostgreSQL recomputes two halves of the distributors at once, each in its own
    /// transaction and connection: an import's end recomputes a year of cells, and one statement uses one core.
    /// </summary>
    public async Task RefreshPending(CancellationToken ct)
    {
        if (!await db.Set<SellThroughSummaryPending>().AnyAsync(ct)) return;
        if (db.Database.CurrentTransaction is not null)
        {
            await TakeAndRefresh(null, ct);
            return;
        }
        if (!db.Database.IsNpgsql())
        {
            await InOwnTransaction(null, ct);
            return;
        }
        categorisedForRefresh ??= await Categorised(ct);
        await Task.WhenAll(Enumerable.Range(0, RefreshHalves).Select(async half =>
        {
            await using var other = await contexts.CreateDbContextAsync(ct);
            await new SellThroughSummary(other, products, contexts) { categorisedForRefresh = categorisedForRefresh }.InOwnTransaction(half, ct);
        }));
    }

    private const int RefreshHalves = 2;

    private async Task InOwnTransaction(int? half, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await TakeAndRefresh(half, ct);
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>Takes the marks (of one half of the distributors, by a hash of their id, or all) and recomputes their months.</summary>
    private async Task TakeAndRefresh(int? half, CancellationToken ct)
    {
        var taken = half is { } h
            ? await db.Database.SqlQueryRaw<PendingMonth>("DELETE FROM sellthrough_summary_pending WHERE abs(hashtext(\"DistributorId\"::text)) % {0} = {1} " +
                "RETURNING \"DistributorId\", \"Month\"", RefreshHalves, h).ToListAsync(ct)
            : await db.Database.SqlQueryRaw<PendingMonth>("DELETE FROM sellthrough_summary_pending RETURNING \"DistributorId\", \"Month\"").ToListAsync(ct);
        await Refresh(taken.Select(t => (t.DistributorId, t.Month)), ct);
    }

    private sealed class PendingMonth
    {
        public Guid DistributorId { get; set; }
        public int Month { get; set; }
    }

    private async Task<List<KeyValuePair<Guid, Guid?>>> Categorised(CancellationToken ct) =>
        (await products.CategoryOfEachProduct(ct)).Where(p => p.Value is not null).ToList();

    /// <summary>Recomputes a whole month's cells from its rows and the catalogue's current categories; returns how many cells it holds.</summary>
    public async Task<int> Rebuild(int month, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sellthrough_summary WHERE \"Month\" = {0}", [month], ct);
            var cells = await Insert("SELECT {0} AS m, {1} AS m1, {2} AS m2", byDistributor: false,
                [month, SellThroughMonth.Add(month, -1), SellThroughMonth.Add(month, -2)], await Categorised(ct), ct);
            await transaction.CommitAsync(ct);
            return cells;
        });
    }

    /// <summary>
    /// Inserts the cells of the scope's months (each with its two months before; by distributor or for all). One pass over
    /// the rows of the scope's distributors and span of months, in distributor × product × month order: each row sees the
    /// same distributor × product's two rows before it (<c>lag</c>), which count when they are of the month's two months
    /// before. Joining each row to those two months' rows instead probed the index twice per row (an import's end
    /// recomputes a million rows' cells: 5.8 s that way, 2.2 s this way, on the bench's data).
    /// </summary>
    private async Task<int> Insert(string scopeSql, bool byDistributor, List<object> parameters, List<KeyValuePair<Guid, Guid?>> categorised, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var (at, all) = (parameters.Count, new List<object>(parameters));
        // The product → category map as a table: unnest of two arrays on PostgreSQL, a JSON array of pairs on SQLite
        // (GUIDs as EF stores them there).
        string categories;
        if (postgres)
        {
            categories = $"SELECT product_id, category_id FROM unnest({{{at}}}, {{{at + 1}}}) AS c(product_id, category_id)";
            all.AddRange([categorised.Select(p => p.Key).ToArray(), categorised.Select(p => p.Value!.Value).ToArray()]);
        }
        else
        {
            categories = $"SELECT json_extract(value, '$[0]') AS product_id, json_extract(value, '$[1]') AS category_id FROM json_each({{{at}}})";
            all.Add(JsonSerializer.Serialize(categorised.Select(p => new[] { p.Key.ToString().ToUpperInvariant(), p.Value!.Value.ToString().ToUpperInvariant() })));
        }
        var none = postgres ? $"'{SellThroughSummaryCell.NoCategory}'::uuid" : $"'{SellThroughSummaryCell.NoCategory.ToString().ToUpperInvariant()}'";
        // The rows read: per distributor, from the earliest "two months before" to the latest month of its scope.
        var (span, spanJoin, scopeJoin) = byDistributor
            ? ("SELECT d, MIN(m2) AS first, MAX(m) AS last FROM scope GROUP BY d", "r.\"DistributorId\" = s.d AND ", " AND s.d = w.\"DistributorId\"")
            : ("SELECT MIN(m2) AS first, MAX(m) AS last FROM scope", "", "");
        // Every value is a parameter; the texts spliced in are the scope and map above, the constant and "no category".
        var sql = $$"""
            WITH categories AS ({{categories}}), scope AS ({{scopeSql}}), span AS ({{span}}),
            ordered AS (
                SELECT r."DistributorId", r."ProductId", r."Month" AS month, r."Closing" AS closing, r."Sales" AS sales,
                       LAG(r."Month", 1) OVER w AS month1, LAG(r."Sales", 1) OVER w AS sales1,
                       LAG(r."Month", 2) OVER w AS month2, LAG(r."Sales", 2) OVER w AS sales2
                FROM span s JOIN sellthrough_rows r ON {{spanJoin}}r."Month" >= s.first AND r."Month" <= s.last
                WINDOW w AS (PARTITION BY r."DistributorId", r."ProductId" ORDER BY r."Month")),
            reported AS (
                SELECT w.month, w."DistributorId", w."ProductId", w.closing,
                       w.sales + CASE WHEN w.month1 >= s.m2 THEN w.sales1 ELSE 0 END + CASE WHEN w.month2 >= s.m2 THEN w.sales2 ELSE 0 END AS sales,
                       1 + CASE WHEN w.month1 >= s.m2 THEN 1 ELSE 0 END + CASE WHEN w.month2 >= s.m2 THEN 1 ELSE 0 END AS months
                FROM ordered w JOIN scope s ON s.m = w.month{{scopeJoin}})
            INSERT INTO sellthrough_summary ("Month", "DistributorId", "CategoryId", "Closing", "AverageSalesTimesSix", "Products")
            SELECT p.month, p."DistributorId", COALESCE(c.category_id, {{none}}), CAST(SUM(p.closing) AS bigint),
                   CAST(SUM(p.sales * ({{Common}} / p.months)) AS bigint), COUNT(*)
            FROM reported p LEFT JOIN categories c ON c.product_id = p."ProductId"
            GROUP BY p.month, p."DistributorId", COALESCE(c.category_id, {{none}})
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, all, ct);
    }
}
