using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The month's heat map across every distributor: months of stock by distributor × product category, computed in the
/// database (one statement; the catalogue's product → category map goes in as a parameter, the modules share no tables).
/// <para>Per distributor × product reported in the month: its closing stock and its average monthly sales over the
/// reported months among the month and the two before (<see cref="StockMetrics"/>). A cell adds these up over the
/// category's products: months of stock = Σ closing ÷ Σ average sales, so a category's cover is that of all its stock
/// at the pace of all its products (not an average of the products' covers, which a slow seller with little stock would
/// swing). The averages add up exactly as whole numbers over the common denominator 6 (= 3·2·1): Σ sales_i·(6 ÷ n_i).</para>
/// </summary>
public sealed class SellThroughHeatmap(KeqingDb db, ICustomerDirectory customers, IProductCatalog products,
    SellThroughSettingsStore settings, TimeProvider clock)
{
    /// <summary>A common multiple of the possible numbers of months an average runs over (1, 2, 3).</summary>
    private const int Common = 6;

    /// <summary>One cell's sums: the month's closing stock and the products' average sales times <see cref="Common"/>.</summary>
    public sealed record CellSums(Guid DistributorId, Guid? CategoryId, long Closing, long AverageSalesTimesSix);

    public async Task<SellThroughHeatmapDto> Get(string? monthText, CancellationToken ct)
    {
        int month;
        if (monthText is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            month = SellThroughMonth.Previous(SellThroughMonth.Of(now.Year, now.Month));
        }
        else if (SellThroughMonth.Parse(monthText) is { } parsed) month = parsed;
        else
        {
            new FieldErrors().Add("month", FieldErrors.Text("Not a month: write it as 2026-11.")).ThrowIfAny();
            return null!;
        }
        var limit = (await settings.Get(ct)).MonthsOfStockLimit;
        var cells = (await Cells(month, ct)).Select(c =>
        {
            var cover = StockMetrics.Cover(c.Closing, c.AverageSalesTimesSix, Common);
            return new HeatmapCellDto(c.DistributorId, c.CategoryId, c.Closing, cover.Months, cover.Endless, Level(cover, limit));
        }).ToList();
        var names = await customers.Find(cells.Select(c => c.DistributorId).Distinct(), ct);
        var categories = (await products.Categories(ct)).ToDictionary(c => c.Id);
        var distributors = names.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new NamedDto(c.Id, c.Name)).ToList();
        var usedCategories = cells.Where(c => c.CategoryId is not null).Select(c => c.CategoryId!.Value).Distinct()
            .Select(id => new NamedDto(id, categories.TryGetValue(id, out var c) ? c.Name : ""))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new SellThroughHeatmapDto(SellThroughMonth.Format(month), limit, distributors, usedCategories,
            cells.Where(c => names.ContainsKey(c.DistributorId)).ToList());
    }

    public static string Level(StockCover cover, decimal limit) =>
        cover.Endless || cover.Months > limit ? StockLevels.Over
        : cover.Months is null ? StockLevels.None
        : cover.Months <= 1 ? StockLevels.Ok : StockLevels.Watch;

    /// <summary>
    /// The sums of every distributor × category cell of a month (products without a category: a null category). Each
    /// row of the month is joined to the same distributor × product's rows of the two months before (if reported):
    /// on PostgreSQL three ordered ranges of the (month, distributor, product) index merged, no per-product hash of
    /// three months of rows.
    /// </summary>
    public async Task<List<CellSums>> Cells(int month, CancellationToken ct)
    {
        var categorised = (await products.CategoryOfEachProduct(ct)).Where(p => p.Value is not null).ToList();
        // The map as a table: unnest of two arrays on PostgreSQL, a JSON array of pairs on SQLite (GUIDs as EF stores them there).
        var postgres = db.Database.IsNpgsql();
        var categories = postgres
            ? "SELECT product_id, category_id FROM unnest({3}, {4}) AS m(product_id, category_id)"
            : "SELECT json_extract(value, '$[0]') AS product_id, json_extract(value, '$[1]') AS category_id FROM json_each({3})";
        object[] parameters = postgres
            ? [month, SellThroughMonth.Add(month, -1), SellThroughMonth.Add(month, -2),
                categorised.Select(p => p.Key).ToArray(), categorised.Select(p => p.Value!.Value).ToArray()]
            : [month, SellThroughMonth.Add(month, -1), SellThroughMonth.Add(month, -2),
                JsonSerializer.Serialize(categorised.Select(p => new[] { p.Key.ToString().ToUpperInvariant(), p.Value!.Value.ToString().ToUpperInvariant() }))];
        // Every value is a parameter; the only texts spliced in are the map above and the constant.
        var sql = $$"""
            WITH categories AS ({{categories}}),
            products AS (
                SELECT r."DistributorId", r."ProductId", r."Closing" AS closing,
                       r."Sales" + COALESCE(r1."Sales", 0) + COALESCE(r2."Sales", 0) AS sales,
                       1 + CASE WHEN r1."Sales" IS NULL THEN 0 ELSE 1 END + CASE WHEN r2."Sales" IS NULL THEN 0 ELSE 1 END AS reported
                FROM sellthrough_rows r
                LEFT JOIN sellthrough_rows r1 ON r1."Month" = {1} AND r1."DistributorId" = r."DistributorId" AND r1."ProductId" = r."ProductId"
                LEFT JOIN sellthrough_rows r2 ON r2."Month" = {2} AND r2."DistributorId" = r."DistributorId" AND r2."ProductId" = r."ProductId"
                WHERE r."Month" = {0})
            SELECT p."DistributorId", c.category_id AS "CategoryId", CAST(SUM(p.closing) AS bigint) AS "Closing",
                   CAST(SUM(p.sales * ({{Common}} / p.reported)) AS bigint) AS "AverageSalesTimesSix"
            FROM products p LEFT JOIN categories c ON c.product_id = p."ProductId"
            GROUP BY p."DistributorId", c.category_id
            """;
        return await db.Database.SqlQueryRaw<CellSums>(sql, parameters).ToListAsync(ct);
    }
}
