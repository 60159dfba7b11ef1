using System.Text.RegularExpressions;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Admin-defined customer fields: listed for everyone (forms and grid), defined and changed by admins.</summary>
public sealed partial class CustomFields(KeqingDb db, TimeProvider clock, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public sealed record Request(string? Key, string? Label, CustomFieldType? Type, IReadOnlyList<string>? Options, bool Required = false, int? Position = null,
        Sensitivity? Sensitivity = null);

    public async Task<IReadOnlyList<CustomFieldDto>> List(CancellationToken ct) =>
        (await db.Set<CustomFieldDefinition>().AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Id).ToListAsync(ct))
        .Select(ToDto).ToList();

    public async Task<CustomFieldDto> Create(Request r, CancellationToken ct)
    {
        var errors = Check(r);
        if (r.Key is not null && await db.Set<CustomFieldDefinition>().AnyAsync(d => d.Key == r.Key, ct))
            errors.Add("key", FieldErrors.Text("A custom field with this key already exists."));
        errors.ThrowIfAny();
        var position = r.Position ?? (await db.Set<CustomFieldDefinition>().MaxAsync(d => (int?)d.Position, ct) ?? 0) + 1;
        var definition = new CustomFieldDefinition
        {
            Key = r.Key!, Label = r.Label!.Trim(), Type = r.Type!.Value, Options = Options(r), Required = r.Required,
            Position = position, CreatedAt = clock.GetUtcNow().UtcDateTime, Sensitivity = r.Sensitivity ?? Sensitivity.None,
        };
        db.Add(definition);
        await db.SaveChangesAsync(ct);
        CustomerPrivacy.CustomFieldsChanged(cache);
        return ToDto(definition);
    }

    public async Task<CustomFieldDto> Update(Guid id, long expectedVersion, Request r, CancellationToken ct)
    {
        var definition = await db.Set<CustomFieldDefinition>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("custom field");
        var errors = Check(r);
        if (r.Key != definition.Key) errors.Add("key", FieldErrors.Text("The key of a field cannot change (stored values use it)."));
        if (r.Type != definition.Type) errors.Add("type", FieldErrors.Text("The type of a field cannot change (stored values use it)."));
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, definition, expectedVersion);
        definition.Label = r.Label!.Trim();
        definition.Options = Options(r);
        definition.Required = r.Required;
        if (r.Position is { } p) definition.Position = p;
        if (r.Sensitivity is { } s) definition.Sensitivity = s;
        await db.SaveChangesAsync(ct);
        CustomerPrivacy.CustomFieldsChanged(cache);
        return ToDto(definition);
    }

    private static FieldErrors Check(Request r)
    {
        var errors = new FieldErrors().Required("key", r.Key).Required("label", r.Label).MaxLength("label", r.Label, 100);
        if (r.Key is not null && !KeyPattern().IsMatch(r.Key)) errors.Add("key", FieldErrors.Text("key is 1 to 50 letters or digits, starting with a lower-case letter (e.g. annualRevenue)."));
        if (r.Sensitivity is { } s && !Enum.IsDefined(s)) errors.Add("sensitivity", FieldErrors.Text("sensitivity is one of none, contact, health, finance, family, private."));
        if (r.Type is null) errors.Add("type", FieldErrors.Text("type is one of text, number, date, singleChoice, multiChoice."));
        var choice = r.Type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice;
        var options = Options(r);
        if (choice && options.Count == 0) errors.Add("options", FieldErrors.Text("A choice field needs at least one option."));
        if (!choice && options.Count > 0) errors.Add("options", FieldErrors.Text("Only choice fields have options."));
        if (options.Count > 100 || options.Any(o => o.Length > 100)) errors.Add("options", FieldErrors.Text("At most 100 options of 100 characters."));
        return errors;
    }

    private static List<string> Options(Request r) =>
        r.Options?.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).Distinct().ToList() ?? [];

    private static CustomFieldDto ToDto(CustomFieldDefinition d) => new(d.Id, d.Key, d.Label, d.Type, d.Options, d.Required, d.Position, d.Version, d.Sensitivity);

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,49}$")]
    private static partial Regex KeyPattern();
}
