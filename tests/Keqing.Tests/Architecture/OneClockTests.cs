using System.Text.RegularExpressions;

namespace Keqing.Tests.Architecture;

/// <summary>
/// One clock (issue 13, item 4): pages and their helpers never format or convert an instant themselves; they use
/// <c>&lt;LocalTime&gt;</c> or <c>UserClock</c>, which show the user's zone as yyyy-MM-dd HH:mm. A source scan of every
/// .razor file and every .cs file under a module's Pages folder, so the rule stays.
/// </summary>
public sealed partial class OneClockTests
{
    /// <summary>The one place allowed to turn an instant into text for a person.</summary>
    private static readonly string[] Allowed = ["src/Keqing/Infrastructure/Time/"];

    [Fact]
    public void No_page_formats_or_converts_a_date_and_time_itself()
    {
        var root = ModuleBoundaryTests.SourceRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "Keqing"), "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Keqing", "Modules"), "*.cs", SearchOption.AllDirectories)
                .Where(f => f.Replace('\\', '/').Contains("/Pages/", StringComparison.Ordinal)))
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => !Allowed.Any(a => f.Path.StartsWith(a, StringComparison.Ordinal)))
            .ToList();
        files.Should().Contain(f => f.Path.EndsWith("CustomerDetail.razor", StringComparison.Ordinal), "the scan finds the pages");
        files.SelectMany(f => Violations(f.Path, f.Text)).Should().BeEmpty(
            "a page shows an instant with <LocalTime Value=\"…\" /> or UserClock.Show(…, zone): the user's zone, yyyy-MM-dd HH:mm, never UTC");
    }

    [Fact]
    public void The_scan_finds_each_kind_of_violation()
    {
        string[] page =
        [
            "<td>@e.At.ToLocalTime().ToString(\"g\")</td>",
            "<td>@e.At.ToString(\"yyyy-MM-dd HH:mm\")</td>",
            "@L[\"Due {0}\", $\"{c.DueAt:yyyy-MM-dd HH:mm}\"]",
            "<span>15:59 UTC</span>",
            "var t = TimeZoneInfo.ConvertTimeFromUtc(at, zone);",
            "<td>@at.ToString(\"u\")</td>",
            "@page \"/customers/{Id:guid}/edit\" $\"{n:N0}\"",
            "@day.ToString(\"yyyy-MM-dd\") @n.ToString(\"N0\") <LocalTime Value=\"e.At\" />",
        ];
        Violations("Page.razor", string.Join("\n", page)).Should().Equal(
            "Page.razor:1 ToLocalTime/ToUniversalTime", "Page.razor:1 a date-time format string",
            "Page.razor:2 a date-time format string",
            "Page.razor:3 a date-time format item",
            "Page.razor:4 the word UTC",
            "Page.razor:5 a time-zone conversion",
            "Page.razor:6 a date-time format string");
    }

    private static IEnumerable<string> Violations(string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("///", StringComparison.Ordinal) || line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            var at = $"{path}:{i + 1}";
            if (ToLocal().IsMatch(line)) yield return $"{at} ToLocalTime/ToUniversalTime";
            if (FormatString().Matches(line).Any(m => IsDateTimeFormat(m.Groups["f"].Value))) yield return $"{at} a date-time format string";
            if (FormatItem().IsMatch(line)) yield return $"{at} a date-time format item";
            if (Utc().IsMatch(line)) yield return $"{at} the word UTC";
            if (Conversion().IsMatch(line)) yield return $"{at} a time-zone conversion";
        }
    }

    /// <summary>A time of day in a custom format, or a standard date-time format letter (a date alone is fine).</summary>
    private static bool IsDateTimeFormat(string format) =>
        format.Contains("HH", StringComparison.Ordinal) || format.Contains("hh", StringComparison.Ordinal)
        || format.Contains(":mm", StringComparison.Ordinal) || format is "g" or "G" or "f" or "F" or "u" or "U" or "s" or "o" or "O" or "r" or "R" or "t" or "T";

    [GeneratedRegex(@"\.To(?:Local|Universal)Time\(")]
    private static partial Regex ToLocal();

    [GeneratedRegex("""ToString\(\s*"(?<f>[^"]*)"?""")]
    private static partial Regex FormatString();

    [GeneratedRegex(@"\{[^{}""]*:(?:[^{}]*(?:yyyy|HH|hh)[^{}]*|[gGuUsoOrR])\}")]
    private static partial Regex FormatItem();

    [GeneratedRegex(@"\bUTC\b")]
    private static partial Regex Utc();

    [GeneratedRegex(@"TimeZoneInfo\.Convert|\.UtcDateTime\b")]
    private static partial Regex Conversion();
}
