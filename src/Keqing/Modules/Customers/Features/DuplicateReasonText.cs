using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Duplicate reasons as the API answers them: the text in the caller's language. The scorer writes (and the queue
/// stores) it in English with the evidence after the words ("Similar name 0.86 in 上海", "Same credit code 9131…"); the
/// evidence is kept, the words translated.
/// </summary>
public static class DuplicateReasonText
{
    public static DuplicateReason Localized(DuplicateReason r)
    {
        var text = r.Code switch
        {
            "samePhone" => FieldErrors.Text("Same phone"),
            "sameEmail" => FieldErrors.Text("Same email"),
            "sameCreditCode" when After(r.Text, "Same credit code ") is { } code => FieldErrors.Text("Same credit code {0}", code),
            "sameName" when After(r.Text, "Same name in ") is { } place => FieldErrors.Text("Same name in {0}", place),
            "sameName" => FieldErrors.Text("Same name"),
            "similarName" when After(r.Text, "Similar name ")?.Split(" in ", 2) is [var score, var place] => FieldErrors.Text("Similar name {0} in {1}", score, place),
            "similarName" when After(r.Text, "Similar name ") is { } score => FieldErrors.Text("Similar name {0}", score),
            _ => r.Text,
        };
        return r with { Text = text };
    }

    public static IReadOnlyList<DuplicateMatch> Localized(IReadOnlyList<DuplicateMatch> matches) =>
        [.. matches.Select(m => m with { Reasons = [.. m.Reasons.Select(Localized)] })];

    public static Page<DuplicatePairDto> Localized(Page<DuplicatePairDto> page) =>
        page with { Items = [.. page.Items.Select(p => p with { Reasons = [.. p.Reasons.Select(Localized)] })] };

    private static string? After(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..] : null;
}
