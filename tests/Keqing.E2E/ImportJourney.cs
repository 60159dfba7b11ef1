using System.Text;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// The trade-show import (DOMAIN A7, P2) in the browser: a marketer names the source and the legal basis, uploads a CSV
/// of business cards, reads the preview (one bad row; the mobile goes to the contact; the column left behind is named;
/// values in Chinese; a name such as 王建国 on one line at 1280 and 375 px, the table within the screen), starts the
/// import, watches it finish and finds the imported customer in the list; screenshots of the preview and the finished
/// import at 1280 and 375 px.
/// </summary>
public sealed class ImportJourney(AppServer app)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Marketer_imports_business_cards_from_a_trade_show(int width)
    {
        var word = new string(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());
        var page = await app.NewPage(width);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "marketer@keqing.local");
        await page.FillAsync("#password", "Keqing-demo-2026");
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        await page.GotoAsync("/imports");
        await page.Locator(".import-source input").FillAsync("展会 2026-11，名片");
        await page.Locator(".import-basis").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Nth(1).ClickAsync(); // consent
        // The choice has reached the server (it renders the select's text) before the upload reads it.
        await Expect(page.Locator(".import-basis input").First).ToHaveValueAsync("Consent");
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        var csv = $"公司名称,联系人,手机,邮箱,城市,备注\n杭州{word}科技有限公司,王建国,13{Random.Shared.Next(100_000_000, 999_999_999)},,杭州,展会名片\n" +
                  $"宁波{word}贸易有限公司,李总,,not-an-email,宁波,\n";
        await page.Locator(".import-file input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "cards.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await Expect(page.Locator(".import-start")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator(".import-preview-counts")).ToContainTextAsync("1");
        await Expect(page.Locator(".import-target-2")).ToContainTextAsync("联系人"); // 手机 is the contact's
        await Expect(page.Locator(".import-not-imported")).ToContainTextAsync("备注");
        var preview = page.Locator(".import-preview");
        await Expect(preview).ToContainTextAsync("企业");
        await Expect(preview).Not.ToContainTextAsync("organization");
        // 王建国 stays on one line (one box for its text), and the table keeps within the screen (it scrolls or stacks).
        var name = preview.Locator("td.import-cell", new() { HasTextString = "王建国" });
        var lines = await name.EvaluateAsync<int>(
            "td => { const r = document.createRange(); r.selectNodeContents(td); return Array.from(r.getClientRects()).filter(b => b.width > 0).length; }");
        lines.Should().Be(1);
        var box = (await preview.BoundingBoxAsync())!;
        (box.X + box.Width).Should().BeLessThanOrEqualTo(width + 1);
        await app.Screenshot(page, $"import-preview-{width}");

        await page.Locator(".import-start").ClickAsync();
        await Expect(page.Locator(".import-status")).ToHaveTextAsync("已完成", new() { Timeout = 30_000 });
        await Expect(page.Locator(".import-counts")).ToContainTextAsync("新增 1");
        await Expect(page.Locator(".import-counts")).ToContainTextAsync("拒绝 1");
        await Expect(page.Locator(".import-errors-link")).ToBeVisibleAsync();
        await app.Screenshot(page, $"import-done-{width}");

        if (width < 600) return; // the list at phone width is the customer journey's
        await page.GotoAsync("/customers");
        await page.Locator(".customer-search input").FillAsync($"{word}科技");
        await Expect(page.Locator(".customers-table tbody tr")).ToHaveCountAsync(1);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
