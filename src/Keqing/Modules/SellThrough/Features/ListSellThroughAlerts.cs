using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>The alerts on the distributors the caller may see (record access), newest month first; filters by distributor, kind and months.</summary>
public sealed class ListSellThroughAlerts(KeqingDb db, ICustomerDirectory customers, IProductCatalog products)
{
    public const int DefaultLimit = 200, MaxLimit = 1000;

    private static readonly Dictionary<string, SellThroughAlertKind?> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["falling-sales"] = SellThroughAlertKind.FallingSales,
        ["stock-piling"] = SellThroughAlertKind.StockPiling,
        ["not-reported"] = SellThroughAlertKind.NotReported,
    };

    public async Task<IReadOnlyList<SellThroughAlertDto>> List(Guid? customerId, string? kindText, string? from, string? to, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        int? Month(string? text, string field)
        {
            if (text is null) return null;
            var month = SellThroughMonth.Parse(text);
            if (month is null) errors.Add(field, FieldErrors.Text("Not a month: write it as 2026-11."));
            return month;
        }
        var (first, last) = (Month(from, "from"), Month(to, "to"));
        SellThroughAlertKind? kind = kindText is null ? null : Kinds.GetValueOrDefault(kindText);
        if (kindText is not null && kind is null) errors.Add("kind", FieldErrors.Text("One of {0}.", string.Join(", ", Kinds.Keys)));
        if (limit is < 1 or > MaxLimit) errors.Add("limit", FieldErrors.Text("Between 1 and {0}.", MaxLimit));
        errors.ThrowIfAny();

        var visible = await customers.Visible(ct);
        var query = db.Set<SellThroughAlert>().AsNoTracking().Where(a => visible.Any(c => c.Id == a.DistributorId));
        if (customerId is { } c) query = query.Where(a => a.DistributorId == c);
        if (kind is { } k) query = query.Where(a => a.Kind == k);
        if (first is { } f) query = query.Where(a => a.Month >= f);
        if (last is { } l) query = query.Where(a => a.Month <= l);
        var alerts = await query.OrderByDescending(a => a.Month).ThenByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(limit ?? DefaultLimit).ToListAsync(ct);
        var names = await customers.Find(alerts.Select(a => a.DistributorId).Distinct(), ct);
        var productIds = alerts.Where(a => a.ProductId != Guid.Empty).Select(a => a.ProductId).Distinct().ToList();
        var productNames = productIds.Count == 0 ? new Dictionary<Guid, ProductSummary>() : await products.Get(productIds, ct);
        return alerts.Select(a => new SellThroughAlertDto(a.Id, a.Kind, a.DistributorId, names.TryGetValue(a.DistributorId, out var n) ? n.Name : "",
            a.ProductId == Guid.Empty ? null : a.ProductId, productNames.TryGetValue(a.ProductId, out var p) ? p.Name : null,
            SellThroughMonth.Format(a.Month), a.MonthsOfStock, a.OwnerId, a.TaskId, a.CreatedAt)).ToList();
    }
}
