using System.Text;

namespace Keqing.Modules.Kb.Domain;

/// <summary>The limits of an article and how its tags and search columns are written.</summary>
public static class KbRules
{
    public const int TitleMax = 200;
    public const int BodyMax = 100_000;
    public const int TagMax = 30;
    public const int TagsMax = 20;
    public const int TagsColumnMax = 1000;
    public const int SearchTextMax = 20_000;

    /// <summary>Tags trimmed, without duplicates (case-insensitive), in the order given.</summary>
    public static List<string> CleanTags(IEnumerable<string?>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static string JoinTags(IReadOnlyCollection<string> tags) => tags.Count == 0 ? "" : "|" + string.Join('|', tags) + "|";

    public static IReadOnlyList<string> SplitTags(string joined) => joined.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Fills the lower-case search columns from the content columns.</summary>
    public static void Index(KbArticle a)
    {
        a.SearchTitle = a.Title.ToLowerInvariant();
        a.SearchTags = a.Tags.ToLowerInvariant();
        var text = new StringBuilder(a.SearchTitle).Append('\n').Append(string.Join(' ', SplitTags(a.SearchTags))).Append('\n')
            .Append(KbMarkdown.PlainText(a.Body).ToLowerInvariant());
        a.SearchText = text.Length > SearchTextMax ? text.ToString(0, SearchTextMax) : text.ToString();
    }
}
