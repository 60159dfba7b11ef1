using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Duplicates, merge and export (DOMAIN A6, A7) in the browser: a rep enters a customer that exists already under
/// another spelling → the form warns → the detail page offers a merge → the merge page merges the two → the export
/// button downloads the filtered list as CSV; screenshots of the form warning, the merge page and the review queue.
/// </summary>
public sealed partial class DuplicateJourney(AppServer app)
{
    [Fact]
    public async Task Rep_is_warned_of_a_duplicate_merges_it_and_exports_the_list()
    {
        var word = new string(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());
        var page = await app.NewPage(1280);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "rep1@keqing.local");
        await page.FillAsync("#password", "Keqing-demo-2026");
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        await page.GotoAsync("/customers/new");
        await page.Locator(".customer-name input").FillAsync($"苏州{word}贸易有限公司");
        await page.Locator(".customer-city input").FillAsync("苏州");
        await page.Locator(".customer-phones input").FillAsync("0512-6666 8888");
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(DetailPattern());
        var firstUrl = page.Url;

        await page.GotoAsync("/customers/new");
        await page.Locator(".customer-name input").FillAsync($"{word}贸易（苏州）有限公司");
        await page.Locator(".customer-name input").PressAsync("Tab");
        await Expect(page.Locator(".duplicate-panel")).ToContainTextAsync($"苏州{word}贸易有限公司");
        await app.Screenshot(page, "customer-form-duplicate-1280");
        await page.Locator(".customer-phones input").FillAsync("051266668888");
        await page.Locator(".customer-phones input").PressAsync("Tab");
        await Expect(page.Locator(".duplicate-panel")).ToContainTextAsync("电话相同");
        // A likely duplicate saves only after the second confirmation.
        await page.Locator(".confirm-not-duplicate input").CheckAsync(new LocatorCheckOptions { Force = true });
        await Expect(page.Locator(".confirm-not-duplicate input")).ToBeCheckedAsync();
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(DetailPattern());
        await Expect(page.Locator(".duplicate-panel")).ToContainTextAsync("电话相同");

        await page.Locator(".duplicate-merge").First.ClickAsync();
        await page.WaitForURLAsync("**/customers/merge?ids=*");
        await Expect(page.Locator(".merge-field-name")).ToBeVisibleAsync();
        await page.Locator(".merge-field-name .choice-1").ClickAsync();
        await app.Screenshot(page, "customer-merge-1280");
        await page.Locator(".merge-confirm").ClickAsync();
        // Merging is confirmed in a dialog naming both customers.
        await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "合并" }).ClickAsync();
        await page.WaitForURLAsync(DetailPattern());
        await Expect(page.Locator(".customer-title")).ToHaveTextAsync($"苏州{word}贸易有限公司");
        await page.GotoAsync(firstUrl);
        await Expect(page.Locator(".customer-merged")).ToBeVisibleAsync();

        await page.GotoAsync("/customers/duplicates");
        await Expect(page.Locator(".duplicate-queue")).ToBeVisibleAsync();
        await app.Screenshot(page, "customer-duplicates-1280");

        await page.GotoAsync("/customers");
        await page.Locator(".customer-search input").FillAsync($"{word}贸易");
        await Expect(page.Locator(".customers-table tbody tr")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".export-csv").ClickAsync());
        download.SuggestedFilename.Should().EndWith(".csv");
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().Contain($"苏州{word}贸易有限公司");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
    }

    [GeneratedRegex("/customers/[0-9a-f-]{36}$")]
    private static partial Regex DetailPattern();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
