using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>The article category tree: no cycles; a category with articles or subcategories stays.</summary>
public sealed class KbCategories(KeqingDb db)
{
    public async Task<IReadOnlyList<KbCategoryDto>> List(CancellationToken ct)
    {
        var all = await db.Set<KbCategory>().AsNoTracking().ToListAsync(ct);
        var articles = await db.Set<KbArticle>().AsNoTracking().Where(a => a.CategoryId != null && a.Status == KbStatus.Published)
            .GroupBy(a => a.CategoryId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var children = all.Where(c => c.ParentId != null).GroupBy(c => c.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return all.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new KbCategoryDto(c.Id, c.ParentId, c.Name, c.Order, articles.GetValueOrDefault(c.Id), children.GetValueOrDefault(c.Id)))
            .ToList();
    }

    public async Task<KbCategoryDto> Create(KbCategoryInput input, CancellationToken ct)
    {
        var all = await Tree(ct);
        Check(input, null, all);
        var category = new KbCategory { Name = input.Name!.Trim(), ParentId = input.ParentId, Order = input.Order ?? all.Count(c => c.ParentId == input.ParentId) };
        db.Add(category);
        await db.SaveChangesAsync(ct);
        return new KbCategoryDto(category.Id, category.ParentId, category.Name, category.Order, 0, 0);
    }

    public async Task<KbCategoryDto> Update(Guid id, KbCategoryInput input, CancellationToken ct)
    {
        var category = await db.Set<KbCategory>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("category");
        Check(input, id, await Tree(ct));
        category.Name = input.Name!.Trim();
        category.ParentId = input.ParentId;
        if (input.Order is { } order) category.Order = order;
        await db.SaveChangesAsync(ct);
        return (await List(ct)).First(c => c.Id == id);
    }

    /// <summary>Deletes an empty category; one with articles (of any status) or subcategories is a 400 saying which.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var category = await db.Set<KbCategory>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("category");
        var errors = new FieldErrors();
        if (await db.Set<KbCategory>().AnyAsync(c => c.ParentId == id, ct))
            errors.Add("category", FieldErrors.Text("This category has subcategories; move or delete them first."));
        var articles = await db.Set<KbArticle>().CountAsync(a => a.CategoryId == id, ct)
            + await db.Set<KbArticleVersion>().Where(v => v.CategoryId == id).Select(v => v.ArticleId).Distinct().CountAsync(ct);
        if (articles > 0) errors.Add("category", FieldErrors.Text("Articles or their versions are in this category; move them to another category first."));
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
        (await db.Set<KbCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct)).Select(c => (c.Id, c.ParentId)).ToList();

    private static void Check(KbCategoryInput input, Guid? id, List<(Guid Id, Guid? ParentId)> all)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 100);
        if (input.Order is < 0 or > 10_000) errors.Add("order", FieldErrors.Text("Must be a whole number from 0 to {0}.", 10_000));
        if (input.ParentId is { } parent)
        {
            if (all.All(c => c.Id != parent)) errors.Add("parentId", FieldErrors.Text("No such category."));
            else if (id is { } self && Subtree(self, all).Contains(parent))
                errors.Add("parentId", FieldErrors.Text("A category cannot be placed under itself or one of its subcategories."));
        }
        errors.ThrowIfAny();
    }
}
