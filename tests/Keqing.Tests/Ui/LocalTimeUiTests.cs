using System.Globalization;
using Bunit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Features;
using Keqing.Modules.Notifications.Pages;
using Keqing.Modules.Notifications.Resources;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;
using Keqing.Modules.Timeline.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Keqing.Tests.Ui;

/// <summary>
/// One clock (issue 13, item 4): the pages show every instant in the signed-in user's time zone as yyyy-MM-dd HH:mm and
/// never say UTC. The test host's clock stands at 2026-12-03 08:49:14 UTC, which is 16:49 in Beijing; the first admin
/// acts, with Asia/Shanghai (or, to tell the user's zone from the company's, America/New_York) as their preference.
/// </summary>
public sealed class LocalTimeUiTests : AdminUiContext, IClassFixture<SqliteClockedApp>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 49, 14, TimeSpan.Zero);
    private static readonly DateTime Due = new(2026, 12, 3, 15, 59, 0, DateTimeKind.Utc);
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public LocalTimeUiTests(SqliteClockedApp app) : base(app)
    {
        if (app.Clock.GetUtcNow() < At) app.Clock.SetUtcNow(At);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private async Task Prefer(string timeZone)
    {
        var preferences = Service<Preferences>();
        var current = await preferences.Get(default);
        await preferences.Update(current.Version, new Preferences.Request("zh-CN", timeZone, null, null), default);
    }

    private async Task<CustomerDto> Customer(string tag) =>
        await Service<SaveCustomer>().Create(new CustomerInput(CustomerKind.Organization, "时钟" + tag + "有限公司", Tags: [tag]), duplicatesConfirmed: true, default);

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task The_customer_page_and_its_change_log_show_beijing_time_without_utc()
    {
        await Prefer("Asia/Shanghai");
        var customer = await Customer(Tag());
        var page = Render<CustomerDetail>(p => p.Add(d => d.Id, customer.Id));
        page.WaitForAssertion(() => page.Find(".customer-audit .local-time").TextContent.Should().Be("2026-12-03 16:49"));
        page.FindAll(".local-time").Should().HaveCountGreaterThanOrEqualTo(3, "created, updated and the change log's entry");
        page.FindAll(".local-time").Select(t => t.TextContent).Should().OnlyContain(t => t == "2026-12-03 16:49");
        page.Find(".local-time").GetAttribute("datetime").Should().Be("2026-12-03T08:49:14Z");
        page.Markup.Should().NotContain("UTC");
    }

    [Fact]
    public async Task The_customer_list_shows_the_users_own_zone_not_the_companys()
    {
        await Prefer("America/New_York");
        var tag = Tag();
        await Customer(tag);
        var page = Render<CustomerList>();
        page.WaitForAssertion(() => page.Markup.Should().Contain("时钟" + tag));
        page.Markup.Should().Contain("2026-12-03 03:49").And.NotContain("2026-12-03 16:49").And.NotContain("UTC");
    }

    [Fact]
    public async Task Commitments_on_the_timeline_and_in_my_day_show_their_due_time_in_beijing_time_with_no_box_glyph()
    {
        await Prefer("Asia/Shanghai");
        var customer = await Customer(Tag());
        await Service<Commitments>().Create(new CommitmentInput(customer.Id, "寄送报价单", Due), default);
        var timeline = Render<CustomerTimelinePage>(p => p.Add(d => d.Id, customer.Id));
        timeline.WaitForAssertion(() => timeline.Find(".timeline-entry .entry-due").TextContent.Should().Contain("2026-12-03 23:59"));
        timeline.Find(".timeline-entry .local-time").TextContent.Should().Be("2026-12-03 16:49", "when the promise was made");
        timeline.Markup.Should().NotContain("UTC").And.NotContain("⏰");

        var day = Render<MyDayPage>();
        day.WaitForAssertion(() => day.Markup.Should().Contain("寄送报价单"));
        day.Markup.Should().Contain("2026-12-03 23:59").And.NotContain("UTC");
    }

    [Fact]
    public async Task Notifications_show_when_they_came_and_their_text_carries_the_recipients_local_time()
    {
        await Prefer("Asia/Shanghai");
        var me = Service<Keqing.Infrastructure.Auth.CurrentUser>().UserId;
        await Service<INotifier>().Notify(new NotificationRequest(EventTypes.TaskDue, me, "Task due", "{0} · due {1}", "/me/day", ["回访张总", Due]), default);
        await Service<KeqingDb>().SaveChangesAsync();
        var page = Render<NotificationList>();
        page.WaitForAssertion(() => page.Markup.Should().Contain("回访张总 · 截止 2026-12-03 23:59"));
        page.Markup.Should().Contain("2026-12-03 16:49").And.NotContain("UTC");

        await Prefer("America/New_York");
        await Service<INotifier>().Notify(new NotificationRequest(EventTypes.TaskDue, me, "Task due", "{0} · due {1}", "/me/day", ["回访李总", Due]), default);
        await Service<KeqingDb>().SaveChangesAsync();
        (await Service<Inbox>().List(null, 50, null, default)).Items.Should().Contain(n => n.Body == "回访李总 · 截止 2026-12-03 10:59");
    }

    [Fact]
    public async Task The_time_zone_preference_is_a_picker_with_chinese_names_and_an_unknown_zone_is_a_field_error()
    {
        await Prefer("Asia/Shanghai");
        var page = Render<NotificationPreferencesPage>();
        page.WaitForAssertion(() => page.FindComponent<MudAutocomplete<string>>());
        var picker = page.FindComponent<MudAutocomplete<string>>();
        picker.Instance.Class.Should().Contain("pref-timezone");
        page.Find(".pref-timezone input").GetAttribute("value").Should().Be("北京时间 · Asia/Shanghai (+08:00)");
        var L = Service<IStringLocalizer<NotificationsResource>>();
        TimeZoneChoices.Search(L, "纽约").Should().Equal("America/New_York");
        TimeZoneChoices.All.Take(2).Should().Equal("Asia/Shanghai", "Asia/Hong_Kong");
        TimeZoneChoices.All.Should().HaveCountGreaterThan(300).And.OnlyHaveUniqueItems().And.NotContain("China Standard Time");

        await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("Europe/Berlin"));
        page.Find(".save-preferences").Click();
        page.WaitForAssertion(async () => (await Service<Preferences>().Get(default)).TimeZone.Should().Be("Europe/Berlin"));

        foreach (var unknown in new[] { "Mars/Olympus", "China Standard Time", "" })
        {
            var current = await Service<Preferences>().Get(default);
            var refused = () => Service<Preferences>().Update(current.Version, new Preferences.Request("zh-CN", unknown, null, null), default);
            (await refused.Should().ThrowAsync<ValidationFailedException>(unknown)).Which.Errors.Should().ContainKey("timeZone");
        }
    }

    [Fact]
    public void An_instant_inside_an_audited_value_reads_in_the_users_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        CustomerText.Audited("2026-12-03T08:49:14.0000000Z", shanghai).Should().Be("2026-12-03 16:49");
        UserClock.Show(new DateTime(2026, 12, 3, 8, 49, 14, DateTimeKind.Utc), shanghai).Should().Be("2026-12-03 16:49");
        UserClock.Local(new DateTime(2026, 12, 3, 8, 49, 14, DateTimeKind.Utc), shanghai).Offset.Should().Be(TimeSpan.FromHours(8));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
