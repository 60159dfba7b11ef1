using Keqing.Infrastructure.Data;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>Products and categories for other modules (<see cref="IProductCatalog"/>).</summary>
public sealed class ProductCatalog(KeqingDb db) : IProductCatalog
{
    public async Task<IReadOnlyDictionary<Guid, ProductSummary>> Get(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return new Dictionary<Guid, ProductSummary>();
        var ids = productIds.Distinct().ToList();
        var found = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return found.ToDictionary(p => p.Id, Summary);
    }

    public async Task<IReadOnlyDictionary<string, ProductSummary>> BySku(IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var wanted = skus.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<string, ProductSummary>();
        var found = await db.Set<Product>().AsNoTracking().Where(p => wanted.Contains(p.Sku)).ToListAsync(ct);
        var bySku = found.ToDictionary(p => p.Sku);
        var result = new Dictionary<string, ProductSummary>();
        foreach (var sku in skus.Distinct())
            if (sku is not null && bySku.TryGetValue(sku.Trim().ToUpperInvariant(), out var product)) result[sku] = Summary(product);
        return result;
    }

    public async Task<IReadOnlyList<CategorySummary>> Categories(CancellationToken ct) =>
        await db.Set<ProductCategory>().AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new CategorySummary(c.Id, c.ParentId, c.Name, c.NameEn)).ToListAsync(ct);

    public async Task<IReadOnlyList<ProductSummary>> Search(string? text, int limit, CancellationToken ct)
    {
        var query = db.Set<Product>().AsNoTracking().Where(p => p.Active);
        var term = text?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var sku = term.ToUpperInvariant();
            query = query.Where(p => p.Sku.StartsWith(sku) || p.Name.Contains(term) || (p.NameEn != null && p.NameEn.Contains(term)));
        }
        var found = await query.OrderBy(p => p.Sku).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        return found.Select(Summary).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, Guid?>> CategoryOfEachProduct(CancellationToken ct) =>
        await db.Set<Product>().AsNoTracking().Select(p => new { p.Id, p.CategoryId }).ToDictionaryAsync(p => p.Id, p => p.CategoryId, ct);

    private static ProductSummary Summary(Product p) =>
        new(p.Id, p.Sku, p.Name, p.NameEn, p.CategoryId, p.Unit, p.Specification, p.ListPrice, p.Cost, p.VatRatePercent, p.Active);
}
