using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 7's journey in a browser: a user sends themselves a test notification from the settings page, the bell's count
/// rises without a reload, the list shows it, "mark all read" clears the bell; the admin's robots page renders.
/// </summary>
public sealed class NotificationsJourney(AppServer app)
{
    [Fact]
    public async Task A_test_notification_reaches_the_bell_live_and_is_read_from_the_list()
    {
        var page = await app.NewPage(1280);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "admin@keqing.local");
        await page.FillAsync("#password", AppServer.AdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        await page.GotoAsync("/me/notifications");
        await Expect(page.Locator(".pref-table")).ToContainTextAsync("测试消息");
        await app.Screenshot(page, "notification-settings-1280");
        await page.Locator(".send-me-a-test").ClickAsync();
        await Expect(page.Locator(".notification-bell .mud-badge")).ToContainTextAsync("1");

        await page.Locator(".notification-bell a, .notification-bell button").First.ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        await Expect(page.Locator(".notification-list")).ToContainTextAsync("测试通知");
        await app.Screenshot(page, "notifications-1280");
        await page.Locator(".read-all").ClickAsync();
        await Expect(page.Locator(".notification.unread")).ToHaveCountAsync(0);
        await Expect(page.Locator(".notification-bell .mud-badge")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/robots");
        await Expect(page.Locator(".robots-table")).ToBeVisibleAsync();
        await app.Screenshot(page, "robots-1280");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
