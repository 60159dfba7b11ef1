using System.Text.RegularExpressions;
using Keqing.Tests.Architecture;

namespace Keqing.Tests.Foundation;

/// <summary>What a new user reads first: every demo user is listed, and no link leads out of the repository or to a missing file.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = ModuleBoundaryTests.SourceRoot();

    [Fact]
    public void The_readme_lists_every_demo_user_the_seeder_creates()
    {
        var seeder = File.ReadAllText(Path.Combine(Root, "src", "Keqing", "Modules", "Identity", "Features", "IdentitySeeder.cs"));
        var demoUsers = DemoUser().Matches(seeder).Select(m => m.Groups[1].Value).ToList();
        demoUsers.Should().HaveCountGreaterThanOrEqualTo(9).And.Contain("service.manager@keqing.local");
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        demoUsers.Where(u => !readme.Contains($"`{u}`", StringComparison.Ordinal)).Should().BeEmpty("README.md lists every demo user");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/zh-CN/README.md")]
    public void Links_stay_inside_the_repository_and_lead_to_files_that_exist(string document)
    {
        var path = Path.Combine(Root, document);
        var folder = Path.GetDirectoryName(path)!;
        var bad = new List<string>();
        foreach (var target in Link().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
        {
            if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith('#')) continue;
            var full = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
            // Screenshots are written by the browser journeys (tests/Keqing.E2E, not committed); RoleTourJourney checks them.
            if (full.Contains(Path.Combine("tests", "Keqing.E2E", "screenshots"), StringComparison.Ordinal)) continue;
            if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) bad.Add($"{target}: outside the repository");
            else if (!File.Exists(full) && !Directory.Exists(full)) bad.Add($"{target}: no such file");
        }
        bad.Should().BeEmpty();
    }

    [Fact]
    public void The_user_guide_shows_screenshots_the_browser_journeys_take()
    {
        var e2e = Directory.GetFiles(Path.Combine(Root, "tests", "Keqing.E2E"), "*.cs").Select(File.ReadAllText).ToList();
        var tour = File.ReadAllText(Path.Combine(Root, "tests", "Keqing.E2E", "RoleTourJourney.cs"));
        var menuPages = Directory.GetFiles(Path.Combine(Root, "src", "Keqing", "Modules"), "*Module.cs", SearchOption.AllDirectories)
            .SelectMany(f => MenuEntry().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Append("home").ToHashSet();
        var guide = File.ReadAllText(Path.Combine(Root, "docs", "zh-CN", "README.md"));
        var images = Link().Matches(guide).Select(m => m.Groups[1].Value).Where(t => t.EndsWith(".png", StringComparison.Ordinal)).ToList();
        images.Should().HaveCountGreaterThanOrEqualTo(5);
        var unknown = new List<string>();
        foreach (var image in images)
        {
            var name = image.Split("tests/Keqing.E2E/screenshots/").Last()[..^".png".Length];
            var known = name.Split('/') is [var role, var page]
                // The role tour: screenshots/<role>/<menu entry>-<width>.png for each role it signs in as.
                ? tour.Contains($"(\"{role}\",", StringComparison.Ordinal) && TourShot().Match(page) is { Success: true } m && menuPages.Contains(m.Groups[1].Value)
                : e2e.Any(source => source.Contains($"\"{name}\"", StringComparison.Ordinal)
                    || source.Contains($"$\"{WidthShot().Replace(name, "-{width}")}\"", StringComparison.Ordinal));
            if (!image.StartsWith("../../tests/Keqing.E2E/screenshots/", StringComparison.Ordinal) || !known) unknown.Add(image);
        }
        unknown.Should().BeEmpty("every picture in the guide is one the E2E suite writes");
    }

    [GeneratedRegex("""new\("([a-z-]+)", "/""")]
    private static partial Regex MenuEntry();

    [GeneratedRegex("^(.+)-(1280|375)$")]
    private static partial Regex TourShot();

    [GeneratedRegex("-(1280|375)$")]
    private static partial Regex WidthShot();

    [GeneratedRegex("""Create\("([a-z0-9.]+@keqing\.local)", "[^"]+", DemoPassword""")]
    private static partial Regex DemoUser();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
