using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The month's heat map across every distributor: months of stock by distributor × product category, read from the
/// cells kept when rows are written (<see cref="SellThroughSummary"/>, which says how they are computed and refreshed).
/// A cell's months of stock = Σ closing ÷ Σ average sales, so a category's cover is that of all its stock at the pace
/// of all its products (not an average of the products' covers, which a slow seller with little stock would swing).
/// </summary>
public sealed class SellThroughHeatmap(KeqingDb db, ICustomerDirectory customers, IProductCatalog products,
    SellThroughSettingsStore settings, SellThroughSummary summary, TimeProvider clock)
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

    /// <summary>The sums of every distributor × category cell of a month (products without a category: a null category), as kept by <see cref="SellThroughSummary"/>.</summary>
    public async Task<List<CellSums>> Cells(int month, CancellationToken ct)
    {
        // Months an import marked and did not get to recompute (it stopped) are recomputed first.
        await summary.RefreshPending(ct);
        return (await db.Set<SellThroughSummaryCell>().AsNoTracking().Where(c => c.Month == month)
            .Select(c => new { c.DistributorId, c.CategoryId, c.Closing, c.AverageSalesTimesSix }).ToListAsync(ct))
            .Select(c => new CellSums(c.DistributorId, c.CategoryId == SellThroughSummaryCell.NoCategory ? null : c.CategoryId, c.Closing, c.AverageSalesTimesSix))
            .ToList();
    }
}
