using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 13's "day of a rep" in zh-CN on a 375-px phone: sign in → the home page shows today → find the caller's
/// customer by its contact's mobile → tap to call → log the call → add a task for tomorrow → My Day lists it; every time on the way
/// is Beijing time in one format (yyyy-MM-dd HH:mm). Screenshots of each step in screenshots/day-of-a-rep/.
/// </summary>
public sealed class DayOfARepJourney(AppServer app)
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly Regex OneFormat = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");

    private static DateTime BeijingNow => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Beijing);

    [Fact]
    public async Task A_rep_starts_the_day_on_the_home_page_calls_a_customer_logs_it_and_plans_tomorrow()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var page = await app.NewPage(375, 740);

        // Sign in: the home page shows today.
        await AppServer.SignIn(page, "rep1@keqing.local");
        var today = page.Locator(".today-card");
        await Expect(today).ToContainTextAsync("今天 " + BeijingNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator(".today-counts .count-customers-due")).ToBeVisibleAsync();
        await Expect(page.Locator(".recent-customers")).ToBeVisibleAsync();
        await Shot(page, "01-home");

        // The caller: a contact of one of the rep's customers due for contact today, calling from their mobile.
        var due = await page.Context.APIRequest.GetAsync("/api/me/day/customers?limit=50");
        due.Ok.Should().BeTrue();
        string name = "", contactName = "", number = "";
        foreach (var c in JsonDocument.Parse(await due.TextAsync()).RootElement.GetProperty("items").EnumerateArray())
        {
            var contacts = await page.Context.APIRequest.GetAsync($"/api/customers/{c.GetProperty("customerId").GetString()}/contacts");
            contacts.Ok.Should().BeTrue();
            var withMobile = JsonDocument.Parse(await contacts.TextAsync()).RootElement.EnumerateArray()
                .FirstOrDefault(k => k.GetProperty("phones").GetArrayLength() > 0);
            if (withMobile.ValueKind != JsonValueKind.Object) continue;
            (name, contactName, number) = (c.GetProperty("name").GetString()!, withMobile.GetProperty("name").GetString()!,
                withMobile.GetProperty("phones")[0].GetString()!);
            break;
        }
        number.Should().NotBeEmpty("a demo customer due for contact has a contact with a mobile");

        // Find the customer by its contact's mobile: the row says which contact matched.
        await page.GotoAsync("/customers");
        await page.Locator(".customer-search input").FillAsync(number);
        var row = page.Locator(".customer-link", new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator(".customer-matched-contact", new() { HasText = contactName })).ToBeVisibleAsync();
        await Shot(page, "02-find-by-contact-mobile");
        await row.First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/customers/[0-9a-f-]+$"));

        // Tap to call: the contact's mobile is a tel: link.
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        var tel = page.Locator($"a.tel-link[href$='{digits}']").First;
        await Expect(tel).ToBeVisibleAsync();
        await Shot(page, "03-tap-to-call");

        // Log the call on the timeline.
        await page.Locator(".customer-timeline-link").ClickAsync();
        await page.WaitForURLAsync("**/customers/*/timeline");
        var subject = $"来电沟通续约-{suffix}";
        await page.Locator(".quick-log .channel-call").ClickAsync();
        await page.Locator(".log-subject input").FillAsync(subject);
        var loggedAt = BeijingNow;
        await page.Locator(".save-log").ClickAsync();
        var entry = page.Locator(".timeline-entry", new() { HasText = subject });
        await Expect(entry).ToBeVisibleAsync();
        var caption = (await entry.Locator(".mud-typography-caption").First.InnerTextAsync()).Split('·')[0].Trim();
        OneFormat.IsMatch(caption).Should().BeTrue($"times read yyyy-MM-dd HH:mm, not \"{caption}\"");
        DateTime.ParseExact(caption, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).Should()
            .BeCloseTo(loggedAt, TimeSpan.FromMinutes(2), "the call is shown in Beijing time");
        await Shot(page, "04-call-logged");

        // Add a task for tomorrow: due 09:00 Beijing time.
        var title = $"发送续约方案-{suffix}";
        var tomorrow = BeijingNow.Date.AddDays(1).AddHours(9).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await page.Locator(".add-task").ClickAsync();
        var dialog = page.Locator(".task-dialog");
        await dialog.Locator(".due-tomorrow").ClickAsync();
        await dialog.Locator(".task-title input").FillAsync(title);
        await Expect(dialog.Locator(".task-due-shown")).ToHaveTextAsync(tomorrow);
        await Shot(page, "05-task-dialog");
        await dialog.Locator(".save-task").ClickAsync();
        await Expect(page.Locator(".open-tasks .task-row", new() { HasText = title })).ToContainTextAsync(tomorrow);
        await Shot(page, "06-task-added");

        // My Day lists it, at the same Beijing time.
        await page.GotoAsync("/me/day");
        var upcoming = page.Locator(".day-upcoming .upcoming-row", new() { HasText = title });
        await Expect(upcoming).ToBeVisibleAsync();
        await Expect(upcoming.Locator(".task-due-text")).ToHaveTextAsync(tomorrow);
        await Expect(page.Locator(".my-day-title")).ToContainTextAsync(BeijingNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var customerDue = page.Locator(".due-customer").First;
        await Expect(customerDue.Locator(".log-call")).ToBeVisibleAsync();
        await Shot(page, "07-my-day");
    }

    private Task Shot(IPage page, string name) => app.Screenshot(page, Path.Combine("day-of-a-rep", name));

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
