using System.Text.RegularExpressions;
using CsCheck;
using Keqing.Modules.Kb.Domain;
using Keqing.Modules.Kb.Features;

namespace Keqing.Tests.Kb;

/// <summary>
/// The article renderer against hostile Markdown (script tags, <c>javascript:</c> links, event handlers, raw HTML,
/// data URLs that are not images), and the terms a suggestion is looked up by.
/// </summary>
public sealed partial class KbMarkdownTests
{
    [Fact]
    public void Hostile_markdown_renders_without_script_handlers_or_script_urls()
    {
        var html = KbMarkdown.ToHtml("""
            # 标题
            <script>alert(1)</script>
            <img src=x onerror="alert(1)">
            [点我](javascript:alert(1)) [也点我](JaVaScRiPt:alert(2)) [数据](data:text/html;base64,PHNjcmlwdD4=)
            ![图](javascript:alert(3)) ![svg](data:image/svg+xml;base64,PHN2Zz4=) ![png](data:image/png;base64,iVBORw0KGgo=)
            [官网](https://example.com/a?b=1) <https://example.org>
            <a href="https://evil.example" onclick="steal()">raw</a>
            {onclick="x()"}
            """);

        html.Should().NotContainEquivalentOf("<script").And.NotContain("data:text/html").And.NotContain("data:image/svg");
        Tags().Matches(html).Select(m => m.Value.ToLowerInvariant()).Should().NotContain(t => Handler().IsMatch(t) || t.Contains("javascript:"));
        // Raw HTML shows as text, escaped.
        html.Should().Contain("&lt;script&gt;");
        html.Should().Contain("src=\"data:image/png;base64,iVBORw0KGgo=\"");
        html.Should().Contain("<a href=\"https://example.com/a?b=1\" rel=\"noopener nofollow\">官网</a>");
        Links().Matches(html).Should().OnlyContain(m => m.Value.Contains("rel=\"noopener nofollow\""));
        html.Should().Contain("<h1");
    }

    [Fact]
    public void No_mix_of_hostile_fragments_gets_a_script_through()
    {
        string[] fragments = ["<script>", "</script>", "<img src=x onerror=alert(1)>", "[a](javascript:b)", "![i](javascript:c)", "\n", "`",
            "<svg onload=x>", "<iframe src=//evil>", "[x](vbscript:y)", "[d](data:text/html,z)", "&#106;avascript:", "**", " ", "<a href=\"javascript:q\">",
            "[t](https://ok.example)", "java\nscript:", "\"", "'", ">", "<", "{.x onclick=y}", "<style>", "expression(", "<form action=x>"];
        Gen.Int[0, fragments.Length - 1].Array[1, 12].Select(parts => string.Concat(parts.Select(i => fragments[i]))).Sample(markdown =>
        {
            var html = KbMarkdown.ToHtml(markdown);
            Tags().Matches(html).Select(m => m.Value.ToLowerInvariant())
                .Should().NotContain(t => t.StartsWith("<script") || t.StartsWith("<iframe") || t.StartsWith("<svg") || t.StartsWith("<style") || t.StartsWith("<form")
                    || Handler().IsMatch(t) || t.Contains("javascript:") || t.Contains("vbscript:") || t.Contains("data:text"));
        });
    }

    [Fact]
    public void Plain_text_for_search_drops_the_marks_and_keeps_the_words()
    {
        var text = KbMarkdown.PlainText("## 重置监护仪\n\n按住 **电源键** 10 秒，见 [说明](https://example.com)。");
        text.Should().Contain("重置监护仪").And.Contain("电源键").And.Contain("说明").And.NotContain("**").And.NotContain("##");
    }

    [Fact]
    public void Suggestion_terms_are_chinese_pairs_and_latin_words()
    {
        KnowledgeSuggestions.Terms("客户说发票抬头写错了, the PM-12 monitor won't reset")
            .Should().Equal("客户", "户说", "说发", "发票", "票抬", "抬头", "头写", "写错", "错了", "pm-12", "monitor", "won", "reset");
        KnowledgeSuggestions.Terms("  ").Should().BeEmpty();
        KnowledgeSuggestions.Terms(new string('票', 5000)).Should().Equal("票票");
    }

    [GeneratedRegex("<a [^>]*>")]
    private static partial Regex Links();

    [GeneratedRegex("<[a-z][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\son[a-z]+\s*=")]
    private static partial Regex Handler();
}
