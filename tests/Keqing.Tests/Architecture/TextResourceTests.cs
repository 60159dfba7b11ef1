using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Keqing.Infrastructure.Web;

namespace Keqing.Tests.Architecture;

/// <summary>
/// Each module keeps its texts in its own resource (Modules/&lt;M&gt;/Resources), the shell and Infrastructure theirs in
/// the shared one; every key the code uses there has a zh-CN text, so no Chinese user meets an English string.
/// </summary>
public sealed partial class TextResourceTests
{
    private static readonly string SourceDir = Path.Combine(ModuleBoundaryTests.SourceRoot(), "src", "Keqing");
    private static readonly string ModulesDir = Path.Combine(SourceDir, "Modules");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void Every_key_a_module_uses_has_a_chinese_text_in_that_modules_own_resource()
    {
        var missing = Scopes().SelectMany(s => Missing(s.Files.Select(Read), ResxTexts(s.Resx).Keys.ToHashSet()));
        string.Join(Environment.NewLine, missing).Should().BeEmpty("a key used in a module needs a zh-CN entry in that module's resx (the shell's in "
                                 + "Resources/SharedResource.zh-CN.resx): add <data name=\"English\"><value>中文</value></data>");
    }

    [Fact]
    public void The_check_names_the_file_and_line_of_a_key_without_a_text_and_skips_keys_that_are_not_literals()
    {
        string[] page =
        [
            "<MudText>@L[\"Customers\"]</MudText>",
            "<MudTextField Label=\"@L[\"No such key\"]\" />",
            "@L[$\"Interpolated {x}\"] @L[variable] @L[\"Prefix \" + x] @L[TimelineText.Channel(c)]",
            "errors.Add(\"f\", FieldErrors.Text(\"Missing {0} message.\", n));",
            "Title = notifier.Localize(culture, \"Missing title\", []),",
            "[TextKeys]",
            "private static string Label(Kind k) => k switch",
            "{",
            "    Kind.A => \"Customers\",",
            "    _ => \"Missing \\\"quoted\\\" label\",",
            "};",
            "private static string Css(Kind k) => k switch { Kind.A => \"not-a-key\", _ => \"\" };",
            "var t = l[\"Missing lower-case\", 1];",
        ];
        Missing([("Page.razor", page)], new HashSet<string> { "Customers" }).Should().Equal(
            "Page.razor:2 \"No such key\"",
            "Page.razor:4 \"Missing {0} message.\"",
            "Page.razor:5 \"Missing title\"",
            "Page.razor:10 \"Missing \"quoted\" label\"",
            "Page.razor:13 \"Missing lower-case\"");
    }

    [Fact]
    public void Each_module_has_a_text_resource_embedded_under_its_markers_name()
    {
        var markers = typeof(ITextResource).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(ITextResource))).ToList();
        markers.Select(t => t.Namespace).Should().Contain(
            Directory.GetDirectories(ModulesDir).Select(d => $"Keqing.Modules.{Path.GetFileName(d)}.Resources"));
        foreach (var marker in markers)
        {
            // The resource is named after the marker, so its resx must sit in the folder its namespace names.
            var resx = Path.Combine(SourceDir, Path.Combine(marker.FullName!["Keqing.".Length..].Split('.')) + ".zh-CN.resx");
            File.Exists(resx).Should().BeTrue($"{marker.FullName} reads its texts from {Path.GetRelativePath(SourceDir, resx)}");
            var set = new ResourceManager(marker).GetResourceSet(Chinese, createIfNotExists: true, tryParents: false);
            set.Should().NotBeNull($"{marker.FullName}'s zh-CN resx is embedded under the marker's name");
            set!.Cast<DictionaryEntry>().Count().Should().Be(ResxTexts(resx).Count);
        }
    }

    [Fact]
    public void Api_messages_and_notifications_find_a_key_in_the_shared_and_in_every_modules_resource()
    {
        foreach (var resx in Scopes().Select(s => s.Resx))
            foreach (var (key, text) in ResxTexts(resx))
            {
                TextResources.Find(key, Chinese).Should().NotBe(key, $"{Path.GetRelativePath(SourceDir, resx)} has \"{key}\" ({text})");
                TextResources.Find(key, CultureInfo.GetCultureInfo("en")).Should().Be(key, "English is the key itself");
            }
    }

    [Fact]
    public void An_api_message_kept_by_several_resources_reads_the_same_in_each()
    {
        // FieldErrors.Text and the notifier take the first resource that has a key, so two differing texts of one
        // message would leave one of them unseen.
        var texts = Scopes().Select(s => ResxTexts(s.Resx)).ToList();
        var differing = Scopes().SelectMany(s => s.Files.Select(Read))
            .SelectMany(f => Keys(f.Lines).Where(k => k.Api).Select(k => k.Key)).Distinct()
            .Select(key => (key, variants: texts.Where(t => t.ContainsKey(key)).Select(t => t[key]).Distinct().ToList()))
            .Where(x => x.variants.Count > 1).Select(x => $"\"{x.key}\": {string.Join(" / ", x.variants)}");
        string.Join(Environment.NewLine, differing).Should().BeEmpty();
    }

    /// <summary>Each module folder with its resx, then the rest of the app (shell, Infrastructure) with the shared resx.</summary>
    private static IEnumerable<(IEnumerable<string> Files, string Resx)> Scopes()
    {
        foreach (var module in Directory.GetDirectories(ModulesDir))
        {
            var resx = Directory.GetFiles(module, "*.zh-CN.resx", SearchOption.AllDirectories);
            resx.Should().ContainSingle($"the module {Path.GetFileName(module)} has one resource of its own");
            yield return (Sources(module), resx[0]);
        }
        var modules = ModulesDir + Path.DirectorySeparatorChar;
        yield return (Sources(SourceDir).Where(f => !Path.GetDirectoryName(f)!.StartsWith(modules, StringComparison.Ordinal)),
            Path.Combine(SourceDir, "Resources", "SharedResource.zh-CN.resx"));
    }

    private static IEnumerable<string> Sources(string dir) =>
        Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static (string Path, string[] Lines) Read(string file) => (Path.GetRelativePath(SourceDir, file), File.ReadAllLines(file));

    private static Dictionary<string, string> ResxTexts(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static IEnumerable<string> Missing(IEnumerable<(string Path, string[] Lines)> files, IReadOnlySet<string> known) =>
        files.SelectMany(f => Keys(f.Lines).Where(k => !known.Contains(k.Key)).Select(k => $"{f.Path}:{k.Line} \"{k.Key}\""));

    /// <summary>
    /// The literal keys of <c>L["…"]</c>, <c>FieldErrors.Text("…")</c>, <c>notifier.Localize(culture, "…")</c> and the
    /// switch arms of a <see cref="TextKeysAttribute"/> method; an interpolated, concatenated or computed key is skipped.
    /// </summary>
    private static IEnumerable<(int Line, string Key, bool Api)> Keys(string[] lines)
    {
        var inKeyList = false;
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in LocalizerKey().Matches(lines[i])) yield return (i + 1, Unescape(m.Groups["key"].Value), false);
            foreach (Match m in ApiKey().Matches(lines[i])) yield return (i + 1, Unescape(m.Groups["key"].Value), true);
            if (lines[i].Contains("[TextKeys]", StringComparison.Ordinal)) inKeyList = true;
            if (!inKeyList) continue;
            foreach (Match m in SwitchArmKey().Matches(lines[i]))
                if (m.Groups["key"].Length > 0) yield return (i + 1, Unescape(m.Groups["key"].Value), false);
            if (lines[i].TrimEnd().EndsWith(';')) inKeyList = false;
        }
    }

    private static string Unescape(string literal) => EscapedChar().Replace(literal, m => m.Groups[1].Value switch
    {
        "n" => "\n", "t" => "\t", var c => c,
    });

    private const string Literal = """
        "(?<key>(?:[^"\\]|\\.)*)"
        """;

    [GeneratedRegex($$"""\b(?:L|l|localizer)\[\s*{{Literal}}\s*[,\]]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex($$"""(?:(?<![\w.])(?:FieldErrors\.)?Text\(|\bLocalize\([^,()"]*,)\s*{{Literal}}\s*[,)]""")]
    private static partial Regex ApiKey();

    [GeneratedRegex($$"""=>\s*{{Literal}}\s*[,;}]""")]
    private static partial Regex SwitchArmKey();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex EscapedChar();
}
