using System.Globalization;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;

namespace Keqing.Modules.Customers.Features;

/// <summary>Checks custom field values against their definitions; a value of the wrong type is an error naming the field.</summary>
internal static class CustomFieldValues
{
    public static string Validate(FieldErrors errors, IReadOnlyDictionary<string, JsonElement>? values, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var byKey = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, JsonElement>())
        {
            var field = $"customFields.{key}";
            if (!byKey.TryGetValue(key, out var definition))
            {
                errors.Add(field, FieldErrors.Text("There is no custom field '{0}'.", Shorten(key)));
                continue;
            }
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
            var message = Check(definition, value);
            if (message is null) result[key] = value.Clone();
            else errors.Add(field, $"{definition.Label}: {message}");
        }
        foreach (var required in definitions.Where(d => d.Required && !result.ContainsKey(d.Key)))
            errors.Add($"customFields.{required.Key}", FieldErrors.Text("Required."));
        return JsonSerializer.Serialize(result);
    }

    private static string? Check(CustomFieldDefinition d, JsonElement v) => d.Type switch
    {
        CustomFieldType.Text => v.ValueKind != JsonValueKind.String ? FieldErrors.Text("expects text.")
            : v.GetString()!.Length > 1000 ? FieldErrors.Text("is at most {0} characters.", 1000) : null,
        CustomFieldType.Number => v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out _) ? null : FieldErrors.Text("expects a number."),
        CustomFieldType.Date => v.ValueKind == JsonValueKind.String
                                && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : FieldErrors.Text("expects a date as yyyy-MM-dd."),
        CustomFieldType.SingleChoice => v.ValueKind == JsonValueKind.String && d.Options.Contains(v.GetString()!)
            ? null : FieldErrors.Text("expects one of: {0}.", string.Join(", ", d.Options)),
        CustomFieldType.MultiChoice => v.ValueKind == JsonValueKind.Array
                                       && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && d.Options.Contains(e.GetString()!))
            ? null : FieldErrors.Text("expects a list of: {0}.", string.Join(", ", d.Options)),
        _ => FieldErrors.Text("has an unknown type."),
    };

    public static IReadOnlyDictionary<string, JsonElement> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? new Dictionary<string, JsonElement>();

    private static string Shorten(string s) => s.Length > 50 ? s[..50] + "…" : s;
}
