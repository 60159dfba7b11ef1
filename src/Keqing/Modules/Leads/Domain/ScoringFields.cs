using Keqing.Modules.Leads.Contracts;

namespace Keqing.Modules.Leads.Domain;

/// <summary>The lead fields a profile scoring rule may look at, the operators it may use, and the activities behaviour rules count.</summary>
public static class ScoringFields
{
    public const string Industry = "industry";
    public const string Province = "province";
    public const string City = "city";
    public const string Title = "title";
    public const string CompanySize = "companySize";
    public const string CreditCode = "creditCode";

    public static readonly IReadOnlyList<string> All = [Industry, Province, City, Title, CompanySize, CreditCode];

    /// <summary>The field equals one of the values (case-insensitive).</summary>
    public const string Is = "is";
    /// <summary>The field contains any of the values (case-insensitive).</summary>
    public const string Contains = "contains";
    /// <summary>The field has a value.</summary>
    public const string Present = "present";

    public static readonly IReadOnlyList<string> Operators = [Is, Contains, Present];

    /// <summary>What a lead does that a behaviour rule may reward (opens and clicks come from marketing later).</summary>
    public static readonly IReadOnlyList<LeadActivityKind> Behaviours =
        [LeadActivityKind.FormSubmitted, LeadActivityKind.EventAttended, LeadActivityKind.Replied, LeadActivityKind.EmailOpened, LeadActivityKind.EmailClicked];

    /// <summary>The statuses of a lead still being worked: scored daily, and its owner told when it turns hot.</summary>
    public static bool IsOpen(LeadStatus status) => status is LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified;

    /// <summary>The API's name of a company size (camelCase, as JSON writes the enum).</summary>
    public static string NameOf(Contracts.CompanySize size) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(size.ToString());
}
