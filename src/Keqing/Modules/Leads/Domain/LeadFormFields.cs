using System.Text.Json;
using Keqing.Modules.Leads.Contracts;

namespace Keqing.Modules.Leads.Domain;

/// <summary>
/// The lead fields a web form may ask for, how each is typed in and its longest value, and the form's own hidden fields
/// (honeypot, fill-time token, consent box).
/// </summary>
public static class LeadFormFields
{
    /// <summary>A lead field a form may ask: its name in the form, its input kind, longest value and default labels.</summary>
    public sealed record Definition(string Field, string InputType, int MaxLength, string LabelZh, string LabelEn, string? AutoComplete);

    public const string Name = "name";
    public const string Company = "company";
    public const string Title = "title";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Province = "province";
    public const string City = "city";
    public const string Industry = "industry";
    public const string CompanySize = "companySize";
    public const string Message = "message";

    /// <summary>The honeypot: hidden from people, filled by bots; a post with it filled is thanked and dropped.</summary>
    public const string Honeypot = "website";
    /// <summary>The signed time the page was rendered, for the minimum fill time.</summary>
    public const string Timing = "_t";
    /// <summary>The consent box (ticked: "on", "true", "yes" or "1").</summary>
    public const string Consent = "consent";

    public static readonly IReadOnlyList<Definition> All =
    [
        new(Name, "text", 200, "姓名", "Name", "name"),
        new(Company, "text", 200, "公司", "Company", "organization"),
        new(Title, "text", 100, "职位", "Job title", "organization-title"),
        new(Phone, "tel", 40, "手机", "Phone", "tel"),
        new(Email, "email", 256, "邮箱", "Email", "email"),
        new(Province, "text", 50, "省份", "Province", "address-level1"),
        new(City, "text", 50, "城市", "City", "address-level2"),
        new(Industry, "text", 100, "行业", "Industry", null),
        new(CompanySize, "select", 20, "公司规模", "Company size", null),
        new(Message, "textarea", 2000, "留言", "Message", null),
    ];

    /// <summary>The company sizes a visitor picks from, with their labels.</summary>
    public static readonly IReadOnlyList<(CompanySize Size, string Value, string LabelZh, string LabelEn)> Sizes =
    [
        (Contracts.CompanySize.Micro, "micro", "20 人以下", "Under 20"),
        (Contracts.CompanySize.Small, "small", "20–99 人", "20–99"),
        (Contracts.CompanySize.Medium, "medium", "100–499 人", "100–499"),
        (Contracts.CompanySize.Large, "large", "500–1999 人", "500–1,999"),
        (Contracts.CompanySize.Enterprise, "enterprise", "2000 人及以上", "2,000 and more"),
    ];

    public static Definition? Find(string? field) => All.FirstOrDefault(d => d.Field == field);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The fields a form stores as JSON.</summary>
    public static IReadOnlyList<LeadFormField> Read(string json) =>
        JsonSerializer.Deserialize<List<LeadFormField>>(json, Json) ?? [];

    public static string Write(IEnumerable<LeadFormField> fields) => JsonSerializer.Serialize(fields, Json);

    /// <summary>A ticked checkbox as browsers and JSON clients send it.</summary>
    public static bool IsTicked(string? value) =>
        value is not null && (value.Equals("on", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase)
                              || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value == "1");
}
