using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Keqing.Modules.Kb.Domain;

/// <summary>
/// Markdown to HTML that is safe to put on a page: Markdig without raw HTML (it shows as text), then HtmlSanitizer —
/// no scripts, no event handlers, links only http(s) and mailto with <c>rel="noopener nofollow"</c>, images only
/// http(s) or data URLs of raster image types (an SVG may carry script).
/// </summary>
public static class KbMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UsePipeTables().UseAutoLinks().UseEmphasisExtras().UseTaskLists().UseListExtras().Build();

    private static readonly string[] ImageTypes = ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"];

    public static string ToHtml(string? markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", Pipeline);
        return Sanitizer().Sanitize(html);
    }

    /// <summary>The text a reader sees, without marks, for search.</summary>
    public static string PlainText(string? markdown) => Markdown.ToPlainText(markdown ?? "", Pipeline);

    // A new sanitizer per call: its events and sets are not meant to be shared between threads.
    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "data" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.SanitizedUrl ?? "";
            if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                var image = e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase)
                    && ImageTypes.Any(t => url.StartsWith(t, StringComparison.OrdinalIgnoreCase));
                if (!image) e.SanitizedUrl = null;
            }
            else if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && !e.Tag.TagName.Equals("A", StringComparison.OrdinalIgnoreCase))
                e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener nofollow");
                link.RemoveAttribute("target");
            }
        };
        return sanitizer;
    }
}
