using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Every demo role signs in (zh-CN) and opens every page of its menu at 1280 and 375 px: a screenshot of each lands in
/// screenshots/&lt;role&gt;/&lt;page&gt;-&lt;width&gt;.png (the Chinese user guide shows some), and each page's visible text
/// is scanned for English left untranslated. The pages come from the rendered menu, so a new module's pages join the tour.
/// </summary>
public sealed partial class RoleTourJourney(AppServer app)
{

    private static readonly (string Role, string Email, string Password)[] Roles =
    [
        ("admin", "admin@keqing.local", AppServer.AdminPassword),
        ("manager", "manager.east@keqing.local", AppServer.DemoPassword),
        ("rep", "rep1@keqing.local", AppServer.DemoPassword),
        ("marketer", "marketer@keqing.local", AppServer.DemoPassword),
        ("service-manager", "service.manager@keqing.local", AppServer.DemoPassword),
        ("agent", "agent@keqing.local", AppServer.DemoPassword),
        ("analyst", "analyst@keqing.local", AppServer.DemoPassword),
    ];

    // Words that stay as they are in Chinese text: names of products and formats, units, codes.
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Keqing", "CRM", "API", "OpenAPI", "CSV", "Excel", "xlsx", "WeCom", "DingTalk", "Feishu", "Email", "SMTP", "URL",
        "HTTPS", "HTTP", "ID", "IM", "SMS", "EN", "PIPL", "GDPR", "JSON", "Bearer", "px", "KB", "MB",
        "Salesforce", "HubSpot", "Dynamics", "Zoho", "yyyy", "MM", "dd", "HH", "mm", "Webhook", "https",
        // Units in a product's specification (规格), written this way on Chinese packaging too.
        "mL", "mg", "cm",
        // Examples of what a user types: pinyin initials, a custom field's key.
        "zs", "annualRevenue",
    };

    /// <summary>
    /// Roles touring at the same time, each in its own browser context: a page's settling waits (network idle, the
    /// interactive render) overlap another role's rendering, and the tour no longer outlasts every other journey.
    /// </summary>
    private const int RolesAtOnce = 3;

    [Fact]
    public async Task Every_role_sees_every_page_of_its_menu_in_Chinese_at_both_widths()
    {
        var started = DateTime.UtcNow;
        // The longest tour (the admin's) starts first; the lists keep the roles' order whichever finishes first.
        using var lanes = new SemaphoreSlim(RolesAtOnce);
        var tours = await Task.WhenAll(Roles.Select(async r =>
        {
            await lanes.WaitAsync();
            try { return await Tour(r.Role, r.Email, r.Password); }
            finally { lanes.Release(); }
        }));
        var broken = tours.SelectMany(t => t.Broken);
        var english = tours.SelectMany(t => t.English);
        // Both lists in one message: a run names every page that did not open and every English text.
        string.Join(Environment.NewLine, broken.Concat(english.Distinct())).Should().BeEmpty(
            "every page of a role's menu opens, and every text a user sees in zh-CN is Chinese (allowed: {0})", string.Join(", ", Allowed));

        // The user guide's pictures from this tour were written just now.
        var guide = await File.ReadAllTextAsync(Path.Combine(app.ScreenshotDir, "..", "..", "..", "docs", "zh-CN", "README.md"));
        foreach (Match image in GuideTourImage().Matches(guide))
        {
            var file = Path.Combine(app.ScreenshotDir, image.Groups[1].Value);
            File.Exists(file).Should().BeTrue($"the guide shows {image.Value}");
            File.GetLastWriteTimeUtc(file).Should().BeOnOrAfter(started.AddSeconds(-1));
        }
    }

    /// <summary>One role's tour: every page of its menu at both widths; what did not open and what reads English.</summary>
    private async Task<(List<string> Broken, List<string> English)> Tour(string role, string email, string password)
    {
        var english = new List<string>();
        var broken = new List<string>();
        var page = await app.NewPage(1280);
        await AppServer.SignIn(page, email, password);
        var pages = await MenuPages(page);
        pages.Should().Contain(p => p.Name == "home").And.HaveCountGreaterThan(2, $"{role}'s menu");
        foreach (var width in new[] { 1280, 375 })
        {
            await page.SetViewportSizeAsync(width, width == 375 ? 740 : 800);
            foreach (var (name, href) in pages)
            {
                // A page that does not open is noted and the tour goes on, so one run reports every page.
                try
                {
                    await page.GotoAsync(href);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await Assertions.Expect(page.Locator(".mud-main-content")).ToBeVisibleAsync();
                    await page.WaitForTimeoutAsync(300); // the interactive render's data
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    broken.Add($"{role} {href} ({width} px): {e.Message.Split('\n')[0]}");
                    continue;
                }
                if (page.Url.Contains("/login", StringComparison.Ordinal)) broken.Add($"{role} {href}: sent to the sign-in page");
                await app.Screenshot(page, Path.Combine(role, $"{name}-{width}"));
                foreach (var text in Untranslated(await VisibleText(page)))
                    english.Add($"{role} {href} ({width} px): \"{text}\"");
            }
        }
        await page.Context.CloseAsync();
        return (broken, english);
    }

    /// <summary>The pages of the rendered menu as (name, path): a link's nav-&lt;name&gt; class, "home" for /; not the API reference (it opens a new tab).</summary>
    private static async Task<List<(string Name, string Href)>> MenuPages(IPage page)
    {
        // Home renders at once; the entries behind a capability come once the authorization state is known.
        // MudNavLink puts the entry's class (nav-customers) on its item around the link. Home renders at once; the entries
        // behind a capability come once the authorization state is known.
        const string ClassOf = "a => ((a.closest('.mud-nav-item')?.className ?? '') + ' ' + a.className)";
        await page.WaitForFunctionAsync($"() => [...document.querySelectorAll('.mud-drawer a.mud-nav-link')].some(a => / nav-/.test(' ' + ({ClassOf})(a)))");
        var links = await page.Locator(".mud-drawer a.mud-nav-link").EvaluateAllAsync<string[][]>(
            $"links => links.filter(a => a.target !== '_blank').map(a => [a.getAttribute('href') ?? '', ({ClassOf})(a)])");
        return links
            .Select(l => (Name: l[0] == "/" ? "home" : NavClass().Match(l[1]).Groups[1].Value, Href: l[0]))
            .Where(l => l.Name.Length > 0 && l.Href.StartsWith('/'))
            .DistinctBy(l => l.Href)
            .ToList();
    }

    /// <summary>What a user reads: the rendered text, placeholders, and the labels of icon buttons.</summary>
    private static async Task<string> VisibleText(IPage page) =>
        await page.InnerTextAsync("body") + "\n" + await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('[placeholder],[aria-label],[title]')].filter(e => e.offsetParent !== null)" +
            ".map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].filter(Boolean).join('\\n')).join('\\n')");

    /// <summary>Lines holding a word of Latin letters with a lower-case letter that is not on the allow list (e-mail addresses and links aside).</summary>
    internal static IEnumerable<string> Untranslated(string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            // Markup shown as text is what a user typed (SecurityJourney stores scripts in every field of rep1's customer
            // on the same app), not the UI's own words.
            .Where(line => !line.Contains('<', StringComparison.Ordinal))
            .Where(line => Word().Matches(NotWords().Replace(line, " ")).Any(w => !Allowed.Contains(w.Value)))
            .Select(line => line.Length > 120 ? line[..120] + "…" : line);


    // The menu entry's own class (nav-customers), not MudBlazor's mud-nav-link.
    [GeneratedRegex(@"(?:^|\s)nav-([a-z0-9-]+)")]
    private static partial Regex NavClass();

    // Two or more Latin letters with at least one lower-case one: "Enter", "customerId"; not codes such as "CSV" or "A1".
    [GeneratedRegex(@"\b(?=[A-Za-z]*[a-z])[A-Za-z]{2,}\b")]
    private static partial Regex Word();

    // E-mail addresses, links (a hosted form's /f/{key} too: the key is random letters), host names and file names are data, not text to translate; time-zone ids (Asia/Shanghai) and dotted keys (imports.run) are codes.
    [GeneratedRegex(@"[\w.+-]+@[\w.-]+|https?://\S+|\b[\w-]+(\.[\w-]+)*\.(local|com|cn|net|org|json|csv|xlsx|png)\b|/api/\S+|/f/\S+|\b[A-Z][a-z]+/[A-Za-z_]+\b|\b[a-z]+(\.[a-z-]+)+\b")]
    private static partial Regex NotWords();

    [GeneratedRegex(@"\.\./\.\./tests/Keqing\.E2E/screenshots/([a-z-]+/[a-z0-9-]+\.png)")]
    private static partial Regex GuideTourImage();
}
