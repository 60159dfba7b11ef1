using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>Products by SKU, keyset-paged: a search (SKU prefix, or a Chinese or English name containing the text), a category with its subcategories, active or not.</summary>
public sealed class ListProducts(KeqingDb db)
{
    private sealed record Cursor(string Sku);

    public async Task<Page<ProductDto>> Handle(string? q, Guid? categoryId, bool? active, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = db.Set<Product>().AsNoTracking();
        var term = q?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var sku = term.ToUpperInvariant();
            query = query.Where(p => p.Sku.StartsWith(sku) || p.Name.Contains(term) || (p.NameEn != null && p.NameEn.Contains(term)));
        }
        var categories = await db.Set<ProductCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name }).ToListAsync(ct);
        if (categoryId is { } root)
        {
            var subtree = Categories.Subtree(root, categories.Select(c => (c.Id, c.ParentId)));
            query = query.Where(p => p.CategoryId != null && subtree.Contains(p.CategoryId.Value));
        }
        if (active is { } a) query = query.Where(p => p.Active == a);
        if (Paging.Decode<Cursor>(after) is { } cursor) query = query.Where(p => p.Sku.CompareTo(cursor.Sku) > 0);
        var rows = await query.OrderBy(p => p.Sku).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, p => new Cursor(p.Sku));
        var names = categories.ToDictionary(c => c.Id, c => c.Name);
        return new Page<ProductDto>(page.Items.Select(p => SaveProduct.ToDto(p, p.CategoryId is { } c ? names.GetValueOrDefault(c) : null)).ToList(), page.Next);
    }
}
