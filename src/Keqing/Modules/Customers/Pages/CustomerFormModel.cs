using System.Globalization;
using System.Text.Json;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Customers.Pages;

/// <summary>What the customer form edits: lists as typed text, custom fields as typed values per definition.</summary>
public sealed class CustomerFormModel
{
    public CustomerKind? Kind { get; set; } = CustomerKind.Organization;
    public string? Name { get; set; }
    public string? Aliases { get; set; }
    public string? Industry { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? Phones { get; set; }
    public string? Emails { get; set; }
    public string? Website { get; set; }
    public string? CreditCode { get; set; }
    public string? ExternalId { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? Source { get; set; }
    public LegalBasis LegalBasis { get; set; }
    public CustomerGrade? Grade { get; set; }
    public string? Tags { get; set; }
    public Guid? OwnerId { get; set; }

    public Dictionary<string, string?> Texts { get; } = [];
    public Dictionary<string, decimal?> Numbers { get; } = [];
    public Dictionary<string, DateTime?> Dates { get; } = [];
    public Dictionary<string, IReadOnlyCollection<string>> Choices { get; } = [];

    /// <summary>The form filled from a saved customer.</summary>
    public static CustomerFormModel From(CustomerDto c, IEnumerable<CustomFieldDto> fields)
    {
        var form = new CustomerFormModel
        {
            Kind = c.Kind, Name = c.Name, Aliases = CustomerText.Join(c.Aliases), Industry = c.Industry, Province = c.Province,
            City = c.City, Address = c.Address, Phones = CustomerText.Join(c.Phones), Emails = CustomerText.Join(c.Emails),
            Website = c.Website, CreditCode = c.CreditCode, ExternalId = c.ExternalId, LegalRepresentative = c.LegalRepresentative, Source = c.Source, LegalBasis = c.LegalBasis, Grade = c.Grade, Tags = CustomerText.Join(c.Tags), OwnerId = c.OwnerId,
        };
        foreach (var f in fields)
        {
            if (!c.CustomFields.TryGetValue(f.Key, out var v)) continue;
            switch (f.Type)
            {
                case CustomFieldType.Number when v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var n):
                    form.Numbers[f.Key] = n;
                    break;
                case CustomFieldType.Date when v.ValueKind == JsonValueKind.String
                    && DateTime.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    form.Dates[f.Key] = d;
                    break;
                case CustomFieldType.SingleChoice when v.ValueKind == JsonValueKind.String:
                    form.Choices[f.Key] = [v.GetString()!];
                    break;
                case CustomFieldType.MultiChoice when v.ValueKind == JsonValueKind.Array:
                    form.Choices[f.Key] = v.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
                    break;
                case CustomFieldType.Text when v.ValueKind == JsonValueKind.String:
                    form.Texts[f.Key] = v.GetString();
                    break;
            }
        }
        return form;
    }

    /// <summary>
    /// What to send: lists split from the text, the owner only when it changed (a create without one makes the
    /// caller the owner), and one JSON value per filled custom field.
    /// </summary>
    public CustomerInput ToInput(IEnumerable<CustomFieldDto> fields, Guid? savedOwnerId) => new(
        Kind, Name, CustomerText.Split(Aliases), Industry, Province, City, Address, CustomerText.Split(Phones),
        CustomerText.Split(Emails), Website, Source, OwnerId == savedOwnerId ? null : OwnerId, null, Grade,
        CustomerText.Split(Tags), CustomFieldValues(fields), CreditCode, LegalRepresentative, LegalBasis, ExternalId ?? "");

    private Dictionary<string, JsonElement> CustomFieldValues(IEnumerable<CustomFieldDto> fields)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            object? value = f.Type switch
            {
                CustomFieldType.Text => string.IsNullOrWhiteSpace(Texts.GetValueOrDefault(f.Key)) ? null : Texts[f.Key]!.Trim(),
                CustomFieldType.Number => Numbers.GetValueOrDefault(f.Key),
                CustomFieldType.Date => Dates.GetValueOrDefault(f.Key)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CustomFieldType.SingleChoice => Choices.GetValueOrDefault(f.Key)?.FirstOrDefault(),
                CustomFieldType.MultiChoice => Choices.GetValueOrDefault(f.Key)?.ToList() is { Count: > 0 } list ? list : null,
                _ => null,
            };
            if (value is not null) values[f.Key] = JsonSerializer.SerializeToElement(value);
        }
        return values;
    }
}
