using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 5's journey on the demo company: a rep on a 375-px phone opens "My day", taps a customer due for contact,
/// logs a call in one tap and adds a commitment; their manager sees both on the customer's timeline, hands the
/// customer over to another rep, and reads the hand-over brief. Screenshots of every step.
/// </summary>
public sealed class TimelineJourney(AppServer app)
{

    [Fact]
    public async Task A_rep_logs_a_call_and_a_commitment_from_a_phone_and_the_manager_hands_the_customer_over()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var subject = $"电话沟通报价-{suffix}";
        var promise = $"周五前发送最终报价-{suffix}";

        var phone = await app.NewPage(375, 740);
        await AppServer.SignIn(phone, "rep1@keqing.local");
        await phone.GotoAsync("/me/day");
        var firstDue = phone.Locator(".due-customer-link").First;
        await Expect(firstDue).ToBeVisibleAsync();
        await app.Screenshot(phone, "my-day-375");
        var customerName = (await firstDue.InnerTextAsync()).Trim();
        await firstDue.ClickAsync();
        await phone.WaitForURLAsync("**/customers/*/timeline");
        var timelineUrl = new Uri(phone.Url).AbsolutePath;
        await Expect(phone.Locator(".customer-name")).ToHaveTextAsync(customerName);

        // Quick log: channel, subject, one tap on Save.
        var watch = Stopwatch.StartNew();
        await phone.Locator(".channel-call").ClickAsync();
        await phone.Locator(".log-subject input").FillAsync(subject);
        await phone.Locator(".log-notes textarea").First.FillAsync("客户要求再降 3%，下周给答复");
        await phone.Locator(".save-log").ClickAsync();
        await Expect(phone.Locator(".timeline-entry").First).ToContainTextAsync(subject);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a quick log takes seconds");
        (await phone.Locator(".log-subject input").InputValueAsync()).Should().BeEmpty("the form is ready for the next log");
        await app.Screenshot(phone, "timeline-quick-log-375");

        await phone.Locator(".commitment-what input").FillAsync(promise);
        await phone.Locator(".commitment-due input").FillAsync(DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.Locator(".save-commitment").ClickAsync();
        await Expect(phone.Locator(".open-commitments")).ToContainTextAsync(promise);
        await Expect(phone.Locator(".timeline-panel")).ToContainTextAsync(promise);
        await app.Screenshot(phone, "timeline-commitment-375");

        // The manager sees what the rep recorded on the customer.
        var manager = await app.NewPage(1280);
        await AppServer.SignIn(manager, "manager.east@keqing.local");
        await manager.GotoAsync(timelineUrl);
        await Expect(manager.Locator(".timeline-panel")).ToContainTextAsync(subject);
        await Expect(manager.Locator(".timeline-panel")).ToContainTextAsync(promise);
        await Expect(manager.Locator(".open-commitments")).ToContainTextAsync(promise);
        await app.Screenshot(manager, "timeline-manager-1280");

        // Hand the customer over from 张伟 (rep1) to 李娜 (rep2).
        await manager.GotoAsync("/admin/handover");
        await AppServer.Choose(manager, manager.Locator(".handover-from"), "rep1@keqing.local");
        await AppServer.Choose(manager, manager.Locator(".handover-to"), "rep2@keqing.local");
        await manager.Keyboard.PressAsync("Escape");
        await manager.Locator(".handover-all").ClickAsync();
        await Expect(manager.Locator(".handover-customer").Nth(1)).ToBeVisibleAsync();
        await manager.Locator(".handover-search input").FillAsync(customerName);
        await manager.Locator(".handover-search input").PressAsync("Tab");
        // The unfiltered list (up to 100) narrows to the one customer once the search has run.
        var row = manager.Locator(".handover-customer");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(customerName);
        await row.Locator("input[type=checkbox]").CheckAsync(new() { Force = true });
        await Expect(manager.Locator(".handover-form")).ToContainTextAsync("已选 1 个");
        await app.Screenshot(manager, "handover-1280");
        await manager.Locator(".run-handover").ClickAsync();
        // The counts are confirmed before anything moves.
        var confirm = manager.Locator(".mud-message-box");
        await Expect(confirm).ToContainTextAsync("1");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "移交" }).ClickAsync();
        var result = manager.Locator(".handover-result");
        await Expect(result).ToContainTextAsync(customerName);
        await Expect(result).ToContainTextAsync("李娜");
        await app.Screenshot(manager, "handover-result-1280");

        await result.Locator(".handover-brief").First.ClickAsync();
        await manager.WaitForURLAsync("**/customers/*/brief");
        await Expect(manager.Locator(".brief-name")).ToHaveTextAsync(customerName);
        await Expect(manager.Locator(".brief-owner")).ToContainTextAsync("李娜");
        await Expect(manager.Locator(".brief-commitments")).ToContainTextAsync(promise);
        await Expect(manager.Locator(".brief-contacts")).ToContainTextAsync(subject);
        await app.Screenshot(manager, "brief-1280");

        // The new owner's phone shows the same brief.
        var heir = await app.NewPage(375, 740);
        await AppServer.SignIn(heir, "rep2@keqing.local");
        await heir.GotoAsync(timelineUrl.Replace("/timeline", "/brief"));
        await Expect(heir.Locator(".brief-commitments")).ToContainTextAsync(promise);
        await app.Screenshot(heir, "brief-375");
    }


    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
