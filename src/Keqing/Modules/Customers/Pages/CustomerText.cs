using System.Globalization;
using System.Text.Json;
using Keqing.Infrastructure.Time;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Customers.Pages;

/// <summary>How the customer pages show values: lists, custom field values, instants.</summary>
public static class CustomerText
{
    private static readonly char[] Separators = [',', '，', ';', '；', '、', '\n'];

    /// <summary>Splits what a user typed into a list ("a, b，c" → [a, b, c]).</summary>
    public static List<string> Split(string? text) =>
        (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A list as the inputs show it.</summary>
    public static string Join(IEnumerable<string> items) => string.Join(", ", items);

    /// <summary>A custom field value as text: strings as they are, numbers invariant, lists joined.</summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(Value)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>The custom field value of <paramref name="key"/>, or "" when the customer has none.</summary>
    public static string Value(CustomerDto customer, string key) =>
        customer.CustomFields.TryGetValue(key, out var v) ? Value(v) : "";

    /// <summary>The English label (a localization key) of a legal basis.</summary>
    [TextKeys]
    public static string LegalBasisLabel(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "Consent",
        LegalBasis.Contract => "Needed for a contract",
        LegalBasis.LegalObligation => "Legal obligation",
        LegalBasis.VitalInterest => "Vital interest or emergency",
        LegalBasis.PublicInterest => "Public interest or news reporting",
        LegalBasis.PubliclyDisclosed => "Lawfully made public",
        _ => "No lawful basis recorded",
    };

    /// <summary>Fields the trail does not show: bookkeeping that every change touches, and the team that follows the owner.</summary>
    public static readonly IReadOnlySet<string> HiddenAuditFields = new HashSet<string>(StringComparer.Ordinal) { "UpdatedAt", "CreatedAt", "TeamId" };

    /// <summary>The English label (a resource key) of an audited customer property, as the form names it.</summary>
    [TextKeys]
    public static string AuditFieldLabel(string field) => field switch
    {
        "Name" => "Customer name",
        "Kind" => "Kind",
        "Aliases" => "Aliases",
        "Industry" => "Industry",
        "Province" => "Province",
        "City" => "City",
        "Address" => "Address",
        "Phones" => "Phones",
        "Emails" => "Emails",
        "Website" => "Website",
        "CreditCode" => "Unified social credit code",
        "ExternalId" => "External ID",
        "LegalRepresentative" => "Legal representative",
        "Source" => "Source",
        "LegalBasis" => "Legal basis",
        "OwnerId" => "Owner",
        "Grade" => "Grade",
        "Tags" => "Tags",
        "CustomFields" => "Custom fields",
        "ArchivedAt" => "Archived at",
        "MergedIntoId" => "Merged into",
        "mergedFrom" => "Merged from",
        "lists" => "Lists",
        "Latitude" => "Latitude",
        "Longitude" => "Longitude",
        "LocationSource" => "Location source",
        "LocatedAt" => "Located at",
        _ => field,
    };

    /// <summary>The English label (a resource key) of an audited enum value (stored by name), or null when <paramref name="field"/> holds no enum.</summary>
    public static string? AuditEnumLabel(string field, string? value) => field switch
    {
        "LegalBasis" when Enum.TryParse<LegalBasis>(value, out var basis) => LegalBasisLabel(basis),
        "Kind" when Enum.TryParse<CustomerKind>(value, out var kind) => kind == CustomerKind.Person ? "Person" : "Organization",
        "LocationSource" when Enum.TryParse<CustomerLocationSource>(value, out var source) => source switch
        {
            CustomerLocationSource.Visit => "Taken at a visit",
            CustomerLocationSource.Imported => "Imported",
            _ => "Entered by hand",
        },
        _ => null,
    };

    /// <summary>An audited value (invariant text, ISO instants, JSON lists) made readable; instants in <paramref name="zone"/>.</summary>
    public static string Audited(string? value, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(value)) return "—";
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && value.Contains('T'))
            return UserClock.Show(at, zone);
        if (value.StartsWith('[') || value.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                var text = doc.RootElement.ValueKind == JsonValueKind.Object
                    ? string.Join("; ", doc.RootElement.EnumerateObject().Select(p => $"{p.Name}: {Value(p.Value)}"))
                    : Value(doc.RootElement);
                return text.Length > 0 ? text : "—";
            }
            catch (JsonException) { }
        }
        return value;
    }
}
