using System.Text.RegularExpressions;
using Keqing.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Customers.Pages;

/// <summary>
/// A merge's audit entry in words for the change log. The entry keeps ids for API clients ("from 上海明远 (0192…)",
/// "kept (0192…)"); the page shows field labels and customer names instead.
/// </summary>
public static partial class MergeAuditText
{
    [GeneratedRegex(@"\s*\([0-9a-fA-F-]{36}\)")]
    private static partial Regex IdInParentheses();

    /// <summary>The label (a resource key) of a field a merge chose or filled, by its request key.</summary>
    [TextKeys]
    public static string FieldKey(string key) => key switch
    {
        "name" => "Customer name",
        "kind" => "Kind",
        "grade" => "Grade",
        "industry" => "Industry",
        "province" => "Province",
        "city" => "City",
        "address" => "Address",
        "website" => "Website",
        "source" => "Source",
        "creditCode" => "Unified social credit code",
        "legalRepresentative" => "Legal representative",
        "externalId" => "External ID",
        "ownerId" => "Owner",
        _ => key,
    };

    /// <summary>
    /// The value of one change of a merge entry in words: whose value a field took, which customers were merged in,
    /// what was combined. <paramref name="survivor"/> names the customer that stayed.
    /// </summary>
    public static string Value(string field, string? value, string survivor, IStringLocalizer l)
    {
        if (string.IsNullOrEmpty(value)) return "—";
        if (field == "lists") return l["combined from all the merged customers"];
        if (field == "mergedFrom") return string.Join("、", value.Split("; ").Select(WithoutId));
        if (!field.StartsWith("field:", StringComparison.Ordinal)) return value;
        if (value.StartsWith("kept", StringComparison.Ordinal)) return l["kept the value of {0}", survivor];
        if (value.StartsWith("empty, filled from ", StringComparison.Ordinal)) return l["empty, filled from {0}", WithoutId(value["empty, filled from ".Length..])];
        if (value.StartsWith("from ", StringComparison.Ordinal)) return l["taken from {0}", WithoutId(value["from ".Length..])];
        return WithoutId(value);
    }

    private static string WithoutId(string text) => IdInParentheses().Replace(text, "").Trim();
}
