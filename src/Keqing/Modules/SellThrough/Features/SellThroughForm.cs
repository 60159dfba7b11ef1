using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>A distributor to pick on the monthly form.</summary>
public sealed record DistributorOption(Guid Id, string Name);

/// <summary>
/// One product line of the monthly form: the month's stored figures if there are any, else opening prefilled from last
/// month's closing stock and the rest empty.
/// </summary>
public sealed class SellThroughLine
{
    public required ProductSummary Product { get; init; }
    public long? Opening { get; set; }
    public long? Purchases { get; set; }
    public long? Sales { get; set; }
    public long? Closing { get; set; }
    /// <summary>Last month's closing stock (null: not reported).</summary>
    public long? PreviousClosing { get; init; }

    /// <summary>Opening + purchases − sales − closing once every figure is filled in (zero: it adds up).</summary>
    public long? Difference => Opening is { } o && Purchases is { } p && Sales is { } s && Closing is { } c ? o + p - s - c : null;
}

/// <summary>What the monthly form loads: distributors one may see, and a distributor's month as product lines.</summary>
public sealed class SellThroughForm(ICustomerDirectory customers, IProductCatalog products, ListSellThrough list)
{
    public async Task<IReadOnlyList<DistributorOption>> Distributors(string? text, CancellationToken ct)
    {
        var visible = await customers.Visible(ct);
        if (!string.IsNullOrWhiteSpace(text)) visible = visible.Where(c => c.Name.Contains(text.Trim()));
        return await visible.OrderBy(c => c.Name).Take(20).Select(c => new DistributorOption(c.Id, c.Name)).ToListAsync(ct);
    }

    public async Task<DistributorOption?> Distributor(Guid id, CancellationToken ct) =>
        await customers.FindVisible(id, ct) is { } c ? new DistributorOption(c.Id, c.Name) : null;

    /// <summary>The lines of the month: every product reported this month or last month, by SKU.</summary>
    public async Task<List<SellThroughLine>> Lines(Guid distributorId, int month, CancellationToken ct)
    {
        var (rows, previous) = await list.Month(distributorId, month, ct);
        var byProduct = rows.ToDictionary(r => r.ProductId);
        var known = await products.Get(byProduct.Keys.Union(previous.Keys).ToList(), ct);
        return known.Values.OrderBy(p => p.Sku, StringComparer.Ordinal).Select(p =>
        {
            long? before = previous.TryGetValue(p.Id, out var c) ? c : null;
            return byProduct.TryGetValue(p.Id, out var r)
                ? new SellThroughLine { Product = p, Opening = r.Opening, Purchases = r.Purchases, Sales = r.Sales, Closing = r.Closing, PreviousClosing = before }
                : new SellThroughLine { Product = p, Opening = before, PreviousClosing = before };
        }).ToList();
    }

    public Task<IReadOnlyList<ProductSummary>> SearchProducts(string? text, CancellationToken ct) => products.Search(text, 20, ct);
}
