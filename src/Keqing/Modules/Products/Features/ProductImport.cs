using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>
/// The import pipeline's way into the catalogue (<see cref="IProductImport"/>): upsert by SKU, the category by its name.
/// An unknown category rejects the row rather than creating one: a typo in a file must not grow the category tree.
/// The preview asks the same questions without writing (<see cref="Check"/>).
/// </summary>
public sealed class ProductImport(KeqingDb db, TimeProvider time) : IProductImport
{
    public async Task<IReadOnlyList<ProductImportResult>> Write(IReadOnlyList<ProductImportRow> rows, CancellationToken ct)
    {
        var (existing, categories) = await Load(rows, track: true, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var results = new List<ProductImportResult>(rows.Count);
        foreach (var r in rows)
        {
            var sku = SaveProduct.NormalSku(r.Sku);
            existing.TryGetValue(sku, out var product);
            var (input, error) = Input(r, product, categories);
            if (error is not null) { results.Add(new ProductImportResult(r.RowNo, false, false, error)); continue; }
            var updated = product is not null; // by an earlier row of the file too: the later row wins
            if (product is null)
            {
                product = new Product { CreatedAt = now, UpdatedAt = now };
                db.Add(product);
                existing[sku] = product;
            }
            SaveProduct.Apply(product, input);
            if (updated && db.Entry(product).Properties.Any(p => p.IsModified)) product.UpdatedAt = now;
            results.Add(new ProductImportResult(r.RowNo, true, updated, null));
        }
        await db.SaveChangesAsync(ct);
        return results;
    }

    /// <remarks>Each row is checked against the stored catalogue: an earlier row of the same new SKU is not seen.</remarks>
    public async Task<IReadOnlyDictionary<int, string>> Check(IReadOnlyList<ProductImportRow> rows, CancellationToken ct)
    {
        var (existing, categories) = await Load(rows, track: false, ct);
        var errors = new Dictionary<int, string>();
        foreach (var r in rows)
            if (Input(r, existing.GetValueOrDefault(SaveProduct.NormalSku(r.Sku)), categories).Error is { } error) errors[r.RowNo] = error;
        return errors;
    }

    /// <summary>The stored products of the rows' SKUs, and the categories by name and English name (null: several of that name).</summary>
    private async Task<(Dictionary<string, Product> Existing, Dictionary<string, Guid?> Categories)> Load(IReadOnlyList<ProductImportRow> rows, bool track, CancellationToken ct)
    {
        var skus = rows.Select(r => SaveProduct.NormalSku(r.Sku)).Distinct().ToList();
        var products = track ? db.Set<Product>() : db.Set<Product>().AsNoTracking();
        var existing = await products.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        var categories = (await db.Set<ProductCategory>().AsNoTracking().Select(c => new { c.Id, c.Name, c.NameEn }).ToListAsync(ct))
            .SelectMany(c => new[] { (Key: c.Name.Trim(), c.Id), (Key: c.NameEn?.Trim() ?? "", c.Id) }).Where(x => x.Key.Length > 0)
            .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().Count() == 1 ? g.First().Id : (Guid?)null, StringComparer.OrdinalIgnoreCase);
        return (existing, categories);
    }

    /// <summary>The row as a product's fields (an omitted optional field keeps the product's), or why it is rejected.</summary>
    private static (ProductInput Input, string? Error) Input(ProductImportRow r, Product? product, Dictionary<string, Guid?> categories)
    {
        Guid? categoryId = product?.CategoryId;
        string? error = null;
        if (!string.IsNullOrWhiteSpace(r.Category))
        {
            if (!categories.TryGetValue(r.Category.Trim(), out var found))
                error = FieldErrors.Text("category: no category is named '{0}'.", Short(r.Category));
            else if (found is null)
                error = FieldErrors.Text("category: several categories are named '{0}'.", Short(r.Category));
            else categoryId = found;
        }
        var input = new ProductInput(r.Sku, r.Name, r.NameEn ?? product?.NameEn, categoryId, r.Unit, r.Specification ?? product?.Specification,
            r.ListPrice, r.Cost ?? product?.Cost ?? Money.Zero(), r.VatRatePercent ?? product?.VatRatePercent ?? 13m, r.Active ?? product?.Active ?? true);
        if (error is null)
        {
            try { SaveProduct.CheckFields(input).ThrowIfAny(); }
            catch (ValidationFailedException e) { error = string.Join(" ", e.Errors.SelectMany(f => f.Value.Select(m => f.Key + ": " + m))); }
        }
        return (input, error);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
