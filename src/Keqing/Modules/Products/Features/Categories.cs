using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>The product category tree: no cycles; a category with products or subcategories stays.</summary>
public sealed class Categories(KeqingDb db)
{
    public async Task<IReadOnlyList<CategoryDto>> List(CancellationToken ct)
    {
        var all = await db.Set<ProductCategory>().AsNoTracking().ToListAsync(ct);
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.CategoryId != null)
            .GroupBy(p => p.CategoryId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var children = all.Where(c => c.ParentId != null).GroupBy(c => c.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return all.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CategoryDto(c.Id, c.ParentId, c.Name, c.NameEn, c.Order, products.GetValueOrDefault(c.Id), children.GetValueOrDefault(c.Id)))
            .ToList();
    }

    public async Task<CategoryDto> Create(CategoryInput input, CancellationToken ct)
    {
        var all = await Tree(ct);
        Check(input, null, all);
        var category = new ProductCategory
        {
            Name = input.Name!.Trim(), NameEn = Blank(input.NameEn), ParentId = input.ParentId,
            Order = input.Order ?? all.Count(c => c.ParentId == input.ParentId),
        };
        db.Add(category);
        await db.SaveChangesAsync(ct);
        return new CategoryDto(category.Id, category.ParentId, category.Name, category.NameEn, category.Order, 0, 0);
    }

    public async Task<CategoryDto> Update(Guid id, CategoryInput input, CancellationToken ct)
    {
        var category = await db.Set<ProductCategory>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("category");
        Check(input, id, await Tree(ct));
        category.Name = input.Name!.Trim();
        category.NameEn = Blank(input.NameEn);
        category.ParentId = input.ParentId;
        if (input.Order is { } order) category.Order = order;
        await db.SaveChangesAsync(ct);
        return (await List(ct)).First(c => c.Id == id);
    }

    /// <summary>Deletes an empty category; one with products or subcategories is a 400 saying which.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var category = await db.Set<ProductCategory>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("category");
        var errors = new FieldErrors();
        if (await db.Set<ProductCategory>().AnyAsync(c => c.ParentId == id, ct))
            errors.Add("category", FieldErrors.Text("This category has subcategories; move or delete them first."));
        var products = await db.Set<Product>().CountAsync(p => p.CategoryId == id, ct);
        if (products > 0) errors.Add("category", FieldErrors.Text("{0} products are in this category; move them to another category first.", products));
        errors.ThrowIfAny();
        db.Remove(category);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The category and every category below it.</summary>
    public static HashSet<Guid> Subtree(Guid root, IEnumerable<(Guid Id, Guid? ParentId)> all)
    {
        var byParent = all.Where(c => c.ParentId != null).ToLookup(c => c.ParentId!.Value, c => c.Id);
        var result = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
        while (queue.TryDequeue(out var next))
            foreach (var child in byParent[next])
                if (result.Add(child)) queue.Enqueue(child);
        return result;
    }

    private async Task<List<(Guid Id, Guid? ParentId)>> Tree(CancellationToken ct) =>
        (await db.Set<ProductCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct)).Select(c => (c.Id, c.ParentId)).ToList();

    private static void Check(CategoryInput input, Guid? id, List<(Guid Id, Guid? ParentId)> all)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 100).MaxLength("nameEn", input.NameEn?.Trim(), 100);
        if (input.ParentId is { } parent)
        {
            if (all.All(c => c.Id != parent)) errors.Add("parentId", FieldErrors.Text("No such category."));
            else if (id is { } self && Subtree(self, all).Contains(parent))
                errors.Add("parentId", FieldErrors.Text("A category cannot be placed under itself or one of its subcategories."));
        }
        errors.ThrowIfAny();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
