using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The month's heat map across every distributor: months of stock by distributor × product category. One grouped query
/// over the month and the two before (the (month, distributor) index) gives per distributor × product the month's
/// closing stock and the recent sales; the products' categories come from the catalogue and the cells add up in memory:
/// a cell's months of stock = its closing stock ÷ the sum of its products' average monthly sales.
/// </summary>
public sealed class SellThroughHeatmap(KeqingDb db, ICustomerDirectory customers, IProductCatalog products,
    SellThroughSettingsStore settings, TimeProvider clock)
{
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
        var first = SellThroughMonth.Add(month, -(StockMetrics.AverageMonths - 1));
        var groups = await db.Set<SellThroughRow>().AsNoTracking()
            .Where(r => r.Month >= first && r.Month <= month)
            .GroupBy(r => new { r.DistributorId, r.ProductId })
            .Select(g => new
            {
                g.Key.DistributorId, g.Key.ProductId,
                Reported = g.Count(),
                SalesSum = g.Sum(r => r.Sales),
                Closing = g.Sum(r => r.Month == month ? r.Closing : 0),
                InMonth = g.Sum(r => r.Month == month ? 1 : 0),
            })
            .Where(g => g.InMonth > 0)
            .ToListAsync(ct);
        var categoryOf = await products.CategoryOfEachProduct(ct);
        var cells = groups
            .GroupBy(g => (g.DistributorId, Category: categoryOf.GetValueOrDefault(g.ProductId)))
            .Select(c =>
            {
                // The sum of the products' average sales, as one fraction: Σ salesSum_i / n_i over a common 3·2·1 denominator.
                const int common = 6;
                var averageTimesCommon = c.Sum(g => g.SalesSum * (common / g.Reported));
                var closing = c.Sum(g => g.Closing);
                var cover = StockMetrics.Cover(closing, averageTimesCommon, common);
                return new HeatmapCellDto(c.Key.DistributorId, c.Key.Category, closing, cover.Months, cover.Endless, Level(cover, limit));
            })
            .ToList();
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
}
