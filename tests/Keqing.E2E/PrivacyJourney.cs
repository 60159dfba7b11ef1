using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 6's privacy journey (DOMAIN P1): an admin classifies a custom field as health data, fills it in on a person
/// customer, sees it as *** on the customer page, reveals it with a reason, and finds the reveal in the access log.
/// Screenshots of the masked page, the grants and the access log.
/// </summary>
public sealed partial class PrivacyJourney(AppServer app)
{
    [Fact]
    public async Task An_admin_reveals_a_health_field_with_a_reason_and_finds_it_in_the_access_log()
    {
        var key = $"health{Random.Shared.Next(1000, 9999)}";
        var reason = $"客户来电核对病史 {Random.Shared.Next(1000, 9999)}";
        var page = await app.NewPage(1280);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "admin@keqing.local");
        await page.FillAsync("#password", AppServer.AdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        await page.GotoAsync("/admin/custom-fields");
        await page.Locator(".cf-key input").FillAsync(key);
        await page.Locator(".cf-label input").FillAsync("慢性病");
        await AppServer.Choose(page, page.Locator(".cf-type"), "文本");
        await AppServer.Choose(page, page.Locator(".cf-sensitivity"), "健康");
        await page.Locator(".save-custom-field").ClickAsync();
        await Expect(page.Locator(".custom-fields-table")).ToContainTextAsync(key);

        await page.GotoAsync("/customers/new");
        await AppServer.Choose(page, page.Locator(".customer-kind"), "自然人客户");
        await page.Locator(".customer-name input").FillAsync("隐私测试" + Random.Shared.Next(1000, 9999));
        await page.Locator($".cf-{key} input").FillAsync("高血压");
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(DetailPattern());
        await Expect(page.Locator($".cf-view-{key}")).ToContainTextAsync("***");
        await Expect(page.Locator($".cf-view-{key}")).Not.ToContainTextAsync("高血压");
        await app.Screenshot(page, "customer-masked-1280");

        await page.Locator($".reveal-customFields-{key}").ClickAsync();
        await page.Locator(".reveal-reason input").FillAsync(reason);
        await page.Locator(".reveal-confirm").ClickAsync();
        await Expect(page.Locator($".cf-view-{key}")).ToContainTextAsync("高血压");

        await page.Locator(".nav-privacy").ClickAsync();
        await page.WaitForURLAsync("**/admin/privacy");
        await Expect(page.Locator(".privacy-grants")).ToContainTextAsync("分析师");
        await app.Screenshot(page, "privacy-grants-1280");
        await page.Locator(".mud-tab").Filter(new() { HasText = "访问日志" }).ClickAsync();
        await Expect(page.Locator(".access-log")).ToContainTextAsync(reason);
        await app.Screenshot(page, "privacy-access-log-1280");
    }

    [GeneratedRegex("/customers/[0-9a-f-]{36}$")]
    private static partial Regex DetailPattern();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
