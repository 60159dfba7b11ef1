using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The trend of one distributor × product: opening, purchases, sales, closing per reported month, with months of stock
/// and the flags of the alert scan, from one range read of the (distributor, product, month) index. A distributor one
/// may not see is 404; those holding <c>sellthrough.analyse</c> see every distributor's trend.
/// </summary>
public sealed class SellThroughTrend(KeqingDb db, CurrentUser me, ICustomerDirectory customers, IProductCatalog products,
    SellThroughSettingsStore settings, TimeProvider clock)
{
    public const int DefaultMonths = 18, MaxMonths = 120;

    public async Task<SellThroughTrendDto> Get(Guid? customerId, Guid? productId, string? from, string? to, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (customerId is null) errors.Add("customerId", FieldErrors.Text("customerId is required."));
        if (productId is null) errors.Add("productId", FieldErrors.Text("productId is required."));
        int? Month(string? text, string field)
        {
            if (text is null) return null;
            var month = SellThroughMonth.Parse(text);
            if (month is null) errors.Add(field, FieldErrors.Text("Not a month: write it as 2026-11."));
            return month;
        }
        var (first, last) = (Month(from, "from"), Month(to, "to"));
        errors.ThrowIfAny();
        var today = clock.GetUtcNow().UtcDateTime;
        var end = last ?? SellThroughMonth.Of(today.Year, today.Month);
        var start = first ?? SellThroughMonth.Add(end, -(DefaultMonths - 1));
        if (start > end) errors.Add("from", FieldErrors.Text("from is at or before to."));
        else if (SellThroughMonth.Between(start, end) >= MaxMonths) errors.Add("from", FieldErrors.Text("At most {0} months at a time.", MaxMonths));
        errors.ThrowIfAny();

        var customer = await Distributor(customerId!.Value, ct) ?? throw new NotFoundException("customer");
        var product = (await products.Get([productId!.Value], ct)).GetValueOrDefault(productId.Value);
        var limit = (await settings.Get(ct)).MonthsOfStockLimit;

        // Three months before the first: its months of stock and its falling flag look back that far.
        var readFrom = SellThroughMonth.Add(start, -3);
        var rows = await db.Set<SellThroughRow>().AsNoTracking()
            .Where(r => r.DistributorId == customer.Id && r.ProductId == productId.Value && r.Month >= readFrom && r.Month <= end)
            .OrderBy(r => r.Month).ToListAsync(ct);
        var sales = rows.ToDictionary(r => r.Month, r => r.Sales);
        var months = rows.Where(r => r.Month >= start).Select(r =>
        {
            var recent = new List<long>(3);
            for (var (m, i) = (r.Month, 0); i < StockMetrics.AverageMonths; (m, i) = (SellThroughMonth.Previous(m), i + 1))
                if (sales.TryGetValue(m, out var s)) recent.Add(s);
            var cover = StockMetrics.Cover(r.Closing, recent);
            return new TrendMonthDto(SellThroughMonth.Format(r.Month), r.Opening, r.Purchases, r.Sales, r.Closing, r.Balanced,
                cover.Months, cover.Endless, StockMetrics.FallingThreeMonths(sales, r.Month), StockMetrics.Exceeds(cover, limit));
        }).ToList();
        return new SellThroughTrendDto(customer.Id, customer.Name, productId.Value, product?.Name ?? "", SellThroughMonth.Format(start), SellThroughMonth.Format(end), limit, months);
    }

    /// <summary>The products a distributor has reported (the trend page's chooser), by name; 404 for a distributor one may not see.</summary>
    public async Task<(CustomerSummary Distributor, IReadOnlyList<NamedDto> Products)> ProductsOf(Guid customerId, CancellationToken ct)
    {
        var customer = await Distributor(customerId, ct) ?? throw new NotFoundException("customer");
        var ids = await db.Set<SellThroughRow>().AsNoTracking().Where(r => r.DistributorId == customerId)
            .Select(r => r.ProductId).Distinct().Take(1000).ToListAsync(ct);
        var found = ids.Count == 0 ? new Dictionary<Guid, ProductSummary>() : await products.Get(ids, ct);
        return (customer, ids.Select(id => new NamedDto(id, found.TryGetValue(id, out var p) ? p.Name : id.ToString()))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>The distributor if the caller may read its trend: any for analysts and managers' heat map, else record access.</summary>
    private async Task<CustomerSummary?> Distributor(Guid id, CancellationToken ct) => me.Can(SellThroughCapabilities.Analyse)
        ? (await customers.Find([id], ct)).GetValueOrDefault(id)
        : await customers.FindVisible(id, ct);
}
