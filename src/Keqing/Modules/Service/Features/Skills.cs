using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The admin's list of skills (a kind and a value): product lines are product categories (the value is the category's
/// id, shown by its name), languages and regions are free text. Deleting a skill takes it from everyone holding it.
/// </summary>
public sealed class Skills(KeqingDb db, IProductCatalog products)
{
    public async Task<IReadOnlyList<SkillDto>> List(CancellationToken ct)
    {
        var skills = await db.Set<Skill>().AsNoTracking().ToListAsync(ct);
        var holders = await db.Set<AgentSkill>().GroupBy(x => x.SkillId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var labels = await Labels(ct);
        return skills.OrderBy(s => s.Kind).ThenBy(s => s.Value, StringComparer.Ordinal)
            .Select(s => ToDto(s, labels, holders.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<SkillDto> Create(SkillInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add("kind", FieldErrors.Text("kind is one of productLine, language, region."));
        errors.Required("value", input.Value).MaxLength("value", input.Value, 100);
        var value = input.Value?.Trim() ?? "";
        if (input.Kind == SkillKind.ProductLine && value.Length > 0
            && (!Guid.TryParse(value, out var categoryId) || (await products.Categories(ct)).All(c => c.Id != categoryId)))
            errors.Add("value", FieldErrors.Text("For a product line, the value is the id of a product category."));
        errors.ThrowIfAny();
        if (input.Kind == SkillKind.ProductLine) value = Guid.Parse(value).ToString();
        if (await db.Set<Skill>().AnyAsync(s => s.Kind == input.Kind && s.Value == value, ct))
            throw new ConflictException(FieldErrors.Text("This skill is on the list already."));
        var skill = new Skill { Kind = input.Kind!.Value, Value = value };
        db.Add(skill);
        await db.SaveChangesAsync(ct);
        return ToDto(skill, await Labels(ct), 0);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var skill = await db.Set<Skill>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("skill");
        db.RemoveRange(await db.Set<AgentSkill>().Where(x => x.SkillId == id).ToListAsync(ct));
        db.Remove(skill);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Names of product categories by id, to show a product line by its name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> Labels(CancellationToken ct) =>
        (await products.Categories(ct)).ToDictionary(c => c.Id.ToString(), c => c.Name);

    public static SkillDto ToDto(Skill s, IReadOnlyDictionary<string, string> labels, int holders) =>
        new(s.Id, s.Kind, s.Value, s.Kind == SkillKind.ProductLine ? labels.GetValueOrDefault(s.Value, s.Value) : s.Value, holders);
}
