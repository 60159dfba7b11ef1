using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 2's journey: admin signs in → creates a team and a rep → the rep signs in → switches to English (and it
/// sticks) → signs out; screenshots at 375 px and 1280 px.
/// </summary>
public sealed class FoundationJourney(AppServer app)
{
    [Fact]
    public async Task Admin_creates_a_team_and_a_rep_who_signs_in_switches_language_and_signs_out()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var teamName = $"华北销售部-{suffix}";
        var repEmail = $"rep-{suffix}@example.com";
        const string repPassword = "Rep-password-2026";

        var admin = await app.NewPage(1280);
        await AppServer.SignIn(admin, "admin@keqing.local", AppServer.AdminPassword);
        await Expect(admin.Locator("#welcome")).ToContainTextAsync("系统管理员");
        await app.Screenshot(admin, "home-1280");

        await admin.GotoAsync("/admin/teams");
        await admin.Locator(".team-name input").FillAsync(teamName);
        await admin.Locator(".save-team").ClickAsync();
        await Expect(admin.Locator(".teams-table")).ToContainTextAsync(teamName);
        await app.Screenshot(admin, "teams-1280");

        await admin.GotoAsync("/admin/users");
        await admin.Locator(".user-email input").FillAsync(repEmail);
        await admin.Locator(".user-name input").FillAsync("钱多多");
        await admin.Locator(".user-password input").FillAsync(repPassword);
        await admin.Locator(".user-roles").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "销售代表" }).ClickAsync();
        // Close the multi-select (a click outside it), and wait until it is closed before opening the next one.
        await admin.Locator(".user-form-title").ClickAsync(new() { Force = true });
        await Expect(admin.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(admin.Locator(".user-roles input").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("销售代表"));
        await admin.Locator(".user-team").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = teamName }).ClickAsync();
        await Expect(admin.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(admin.Locator(".user-team input").First).ToHaveValueAsync(teamName);
        await admin.Locator(".save-user").ClickAsync();
        var row = admin.Locator(".users-table tr").Filter(new() { HasText = repEmail });
        await Expect(row).ToContainTextAsync("销售代表");
        await Expect(row).ToContainTextAsync(teamName);
        await app.Screenshot(admin, "users-1280");

        var phone = await app.NewPage(375, 740);
        await AppServer.SignIn(phone, repEmail, repPassword);
        await Expect(phone.Locator("#welcome")).ToContainTextAsync("欢迎");
        await app.Screenshot(phone, "home-375-zh");
        await phone.Locator(".lang-en").ClickAsync();
        await Expect(phone.Locator("#welcome")).ToContainTextAsync("Welcome, 钱多多");
        await phone.ReloadAsync();
        await Expect(phone.Locator("#welcome")).ToContainTextAsync("Welcome, 钱多多");
        await Expect(phone.Locator(".nav-users")).ToHaveCountAsync(0);
        await app.Screenshot(phone, "home-375-en");

        await phone.Locator("button.logout").ClickAsync();
        await phone.WaitForURLAsync("**/login");
        await Expect(phone.Locator("#sign-in")).ToContainTextAsync("Sign in");
        await app.Screenshot(phone, "login-375-en");
        await phone.GotoAsync("/");
        await phone.WaitForURLAsync("**/login**");
    }

    [Fact]
    public async Task Wrong_password_shows_a_message_and_no_session()
    {
        var page = await app.NewPage(375, 740);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "admin@keqing.local");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator(".error")).ToBeVisibleAsync();
        await app.Screenshot(page, "login-error-375");
        page.Url.Should().Contain("/login");
    }


    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
