using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>The case category tree: listed with each node's path (维修 / 超声设备), edited by admins; a category is archived, never deleted.</summary>
public sealed class CaseCategories(KeqingDb db)
{
    public const int MaxDepth = 5;

    public async Task<IReadOnlyList<CaseCategoryDto>> List(CancellationToken ct)
    {
        var all = await db.Set<CaseCategory>().AsNoTracking().Where(c => c.ArchivedAt == null).ToListAsync(ct);
        var byId = all.ToDictionary(c => c.Id);
        string PathOf(CaseCategory c)
        {
            var names = new List<string>();
            for (CaseCategory? x = c; x is not null && names.Count <= MaxDepth; x = x.ParentId is { } p ? byId.GetValueOrDefault(p) : null) names.Insert(0, x.Name);
            return string.Join(" / ", names);
        }
        return all.Select(c => new CaseCategoryDto(c.Id, c.ParentId, c.Name, c.Order, PathOf(c)))
            .OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Order).ToList();
    }

    public async Task<CaseCategoryDto> Create(CaseCategoryInput input, CancellationToken ct)
    {
        var category = new CaseCategory();
        await Apply(category, input, ct);
        db.Add(category);
        await db.SaveChangesAsync(ct);
        return (await List(ct)).First(c => c.Id == category.Id);
    }

    public async Task<CaseCategoryDto> Update(Guid id, CaseCategoryInput input, CancellationToken ct)
    {
        var category = await db.Set<CaseCategory>().FirstOrDefaultAsync(c => c.Id == id && c.ArchivedAt == null, ct) ?? throw new NotFoundException("category");
        await Apply(category, input, ct);
        await db.SaveChangesAsync(ct);
        return (await List(ct)).First(c => c.Id == category.Id);
    }

    public async Task Archive(Guid id, DateTime now, CancellationToken ct)
    {
        var category = await db.Set<CaseCategory>().FirstOrDefaultAsync(c => c.Id == id && c.ArchivedAt == null, ct) ?? throw new NotFoundException("category");
        if (await db.Set<CaseCategory>().AnyAsync(c => c.ParentId == id && c.ArchivedAt == null, ct))
            throw new ConflictException(FieldErrors.Text("Move or archive its sub-categories first."));
        category.ArchivedAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A category and all below it (for the list's filter).</summary>
    public static async Task<List<Guid>> Subtree(KeqingDb db, Guid root, CancellationToken ct)
    {
        var all = await db.Set<CaseCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var ids = new List<Guid> { root };
        for (var i = 0; i < ids.Count; i++) ids.AddRange(all.Where(c => c.ParentId == ids[i]).Select(c => c.Id));
        return ids;
    }

    private async Task Apply(CaseCategory category, CaseCategoryInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name).MaxLength("name", input.Name, 100);
        if (input.ParentId is { } parentId)
        {
            var parents = await db.Set<CaseCategory>().AsNoTracking().Where(c => c.ArchivedAt == null).Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, ct);
            if (!parents.ContainsKey(parentId)) errors.Add("parentId", FieldErrors.Text("No such category."));
            else
            {
                // Walking up from the new parent must neither meet the category itself (a cycle) nor go deeper than the limit.
                var depth = 1;
                for (Guid? p = parentId; p is { } at; p = parents.GetValueOrDefault(at)?.ParentId, depth++)
                    if (at == category.Id || depth >= MaxDepth)
                    {
                        errors.Add("parentId", FieldErrors.Text("A category cannot sit under itself, and the tree is at most {0} levels deep.", MaxDepth));
                        break;
                    }
            }
        }
        errors.ThrowIfAny();
        category.Name = input.Name!.Trim();
        category.ParentId = input.ParentId;
        category.Order = input.Order;
    }
}
