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
public sealed class SellThroughSummary(KeqingDb db, IProductCatalog products)
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
    /// </summary>
    public async Task RefreshPending(CancellationToken ct)
    {
        if (!await db.Set<SellThroughSummaryPending>().AnyAsync(ct)) return;
        if (db.Database.CurrentTransaction is not null)
        {
            await TakeAndRefresh(ct);
            return;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await TakeAndRefresh(ct);
            await transaction.CommitAsync(ct);
        });
    }

    private async Task TakeAndRefresh(CancellationToken ct)
    {
        var taken = await db.Database.SqlQueryRaw<PendingMonth>(
            "DELETE FROM sellthrough_summary_pending RETURNING \"DistributorId\", \"Month\"").ToListAsync(ct);
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
    /// Inserts the cells of the scope's months (each with its two months before; by distributor or for all). Each row of a
    /// month is joined to the same distributor × product's rows of the two months before, if reported.
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
        var distributor = byDistributor ? " AND r.\"DistributorId\" = s.d" : "";
        // Every value is a parameter; the texts spliced in are the scope and map above, the constant and "no category".
        var sql = $$"""
            WITH categories AS ({{categories}}), scope AS ({{scopeSql}}),
            reported AS (
                SELECT s.m AS month, r."DistributorId", r."ProductId", r."Closing" AS closing,
                       r."Sales" + COALESCE(r1."Sales", 0) + COALESCE(r2."Sales", 0) AS sales,
                       1 + CASE WHEN r1."Sales" IS NULL THEN 0 ELSE 1 END + CASE WHEN r2."Sales" IS NULL THEN 0 ELSE 1 END AS months
                FROM scope s
                JOIN sellthrough_rows r ON r."Month" = s.m{{distributor}}
                LEFT JOIN sellthrough_rows r1 ON r1."Month" = s.m1 AND r1."DistributorId" = r."DistributorId" AND r1."ProductId" = r."ProductId"
                LEFT JOIN sellthrough_rows r2 ON r2."Month" = s.m2 AND r2."DistributorId" = r."DistributorId" AND r2."ProductId" = r."ProductId")
            INSERT INTO sellthrough_summary ("Month", "DistributorId", "CategoryId", "Closing", "AverageSalesTimesSix", "Products")
            SELECT p.month, p."DistributorId", COALESCE(c.category_id, {{none}}), CAST(SUM(p.closing) AS bigint),
                   CAST(SUM(p.sales * ({{Common}} / p.months)) AS bigint), COUNT(*)
            FROM reported p LEFT JOIN categories c ON c.product_id = p."ProductId"
            GROUP BY p.month, p."DistributorId", COALESCE(c.category_id, {{none}})
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, all, ct);
    }
}
