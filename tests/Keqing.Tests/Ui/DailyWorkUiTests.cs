using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;
using Keqing.Modules.Timeline.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Keqing.Tests.Ui;

/// <summary>
/// bUnit tests of daily work on the real handlers (SQLite, as the admin): the task dialog from My Day and the timeline,
/// editing a logged interaction, the customers due with a phone to tap and a one-tap call log, contact wishes, the
/// follow-up rules page, and phones and emails as links on the customer page.
/// </summary>
public sealed class DailyWorkUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private static string Word() => new(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());

    private Task<CustomerDto> NewCustomer(CustomerGrade? grade = null, params string[] phones) =>
        Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"{Word()}贸易有限公司", Grade: grade,
            Phones: phones, Emails: ["sales@example.cn"]), duplicatesConfirmed: true, default));

    [Fact]
    public async Task My_day_adds_a_task_for_today_edits_it_and_completes_it()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MyDayPage>();
        page.WaitForElement(".add-task").Click();
        dialogs.WaitForElement(".task-dialog .due-today").Click();
        var title = "回电" + Word();
        dialogs.Find(".task-dialog .task-title input").Input(title);
        dialogs.Find(".task-dialog .save-task").Click();
        page.WaitForAssertion(() => page.FindAll(".task-row").Should().Contain(r => r.TextContent.Contains(title)));
        var task = (await Run<Tasks, Keqing.Infrastructure.Http.Page<TaskDto>>(h => h.List(null, null, TaskState.Open, 100, null, default))).Items.Single(t => t.Title == title);
        task.RemindAt.Should().Be(task.DueAt.AddHours(-1), "a reminder an hour before is the default");

        page.FindAll(".task-row").Single(r => r.TextContent.Contains(title)).QuerySelector(".task-edit")!.Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".task-dialog .task-title input").GetAttribute("value").Should().Be(title));
        dialogs.Find(".task-dialog .task-title input").Input(title + "（改）");
        dialogs.Find(".task-dialog .save-task").Click();
        page.WaitForAssertion(() => page.FindAll(".task-row").Should().Contain(r => r.TextContent.Contains(title + "（改）")));

        page.FindAll(".task-row").Single(r => r.TextContent.Contains(title)).QuerySelector(".task-done")!.Click();
        page.WaitForAssertion(() => page.FindAll(".task-row").Should().NotContain(r => r.TextContent.Contains(title)));
        (await Run<Tasks, TaskDto>(h => h.Get(task.Id, default))).Status.Should().Be(TaskState.Done);
    }

    [Fact]
    public async Task A_task_without_a_title_names_the_field_and_is_not_saved()
    {
        var customer = await NewCustomer();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<CustomerTimelinePage>(p => p.Add(x => x.Id, customer.Id));
        page.WaitForElement(".add-task").Click();
        dialogs.WaitForElement(".task-dialog .save-task").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".task-dialog .task-title").TextContent.Should().NotBeEmpty());
        dialogs.Find(".task-dialog .task-title .mud-input-error").Should().NotBeNull();
        (await Run<Tasks, Keqing.Infrastructure.Http.Page<TaskDto>>(h => h.List(null, customer.Id, null, 10, null, default))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_timeline_adds_a_task_for_tomorrow_and_edits_a_logged_call()
    {
        var customer = await NewCustomer();
        var call = await Run<SaveInteraction, InteractionDto>(h => h.Create(new InteractionInput(customer.Id, InteractionChannel.Call, Subject: "初次电话"), default));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<CustomerTimelinePage>(p => p.Add(x => x.Id, customer.Id));
        page.WaitForElement(".add-task").Click();
        dialogs.WaitForElement(".task-dialog .due-tomorrow").Click();
        dialogs.Find(".task-dialog .task-title input").Input("寄送样品");
        dialogs.Find(".task-dialog .save-task").Click();
        page.WaitForAssertion(() => page.Find(".open-tasks .task-row").TextContent.Should().Contain("寄送样品"));
        var task = (await Run<Tasks, Keqing.Infrastructure.Http.Page<TaskDto>>(h => h.List(null, customer.Id, null, 10, null, default))).Items.Single();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTimeFromUtc(task.DueAt, zone);
        local.Date.Should().Be(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Date.AddDays(1));
        local.TimeOfDay.Should().Be(TimeSpan.FromHours(9));
        page.Find(".open-tasks .task-row").TextContent.Should().Contain(local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), "times show in the company's zone");

        page.WaitForAssertion(() => page.Find(".timeline-entry .edit-entry"));
        page.FindAll(".timeline-entry").Single(e => e.TextContent.Contains("初次电话")).QuerySelector(".edit-entry")!.Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".interaction-dialog .edit-subject input").GetAttribute("value").Should().Be("初次电话"));
        dialogs.Find(".interaction-dialog .edit-channel-visit").Click();
        dialogs.Find(".interaction-dialog .edit-subject input").Change("改为上门拜访");
        dialogs.Find(".save-interaction").Click();
        page.WaitForAssertion(() => page.FindAll(".timeline-entry .entry-title").Should().Contain(e => e.TextContent == "改为上门拜访"));
        var saved = await Run<ListInteractions, InteractionDto>(h => h.Get(call.Id, default));
        saved.Channel.Should().Be(InteractionChannel.Visit);
        saved.OccurredAt.Should().BeCloseTo(call.OccurredAt, TimeSpan.FromMinutes(1), "the time shown (to the minute) is kept");
    }

    [Fact]
    public async Task A_next_step_marked_done_in_the_edit_dialog_leaves_the_brief()
    {
        var customer = await NewCustomer();
        var visit = await Run<SaveInteraction, InteractionDto>(h => h.Create(new InteractionInput(customer.Id, InteractionChannel.Visit,
            Subject: "上门拜访", NextStep: "下周寄送样品"), default));
        (await Run<CustomerBrief, CustomerBriefDto>(h => h.Handle(customer.Id, default))).OpenNextSteps.Should().Contain("下周寄送样品");

        var dialogs = Render<MudDialogProvider>();
        var page = Render<CustomerTimelinePage>(p => p.Add(x => x.Id, customer.Id));
        page.WaitForAssertion(() => page.Find(".timeline-entry .edit-entry"));
        page.FindAll(".timeline-entry").Single(e => e.TextContent.Contains("上门拜访")).QuerySelector(".edit-entry")!.Click();
        dialogs.WaitForElement(".interaction-dialog .edit-next-step-done input").Change(true);
        dialogs.Find(".save-interaction").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".interaction-dialog").Should().BeEmpty());

        (await Run<ListInteractions, InteractionDto>(h => h.Get(visit.Id, default))).NextStepDoneAt.Should().NotBeNull();
        (await Run<CustomerBrief, CustomerBriefDto>(h => h.Handle(customer.Id, default))).OpenNextSteps.Should().NotContain("下周寄送样品");
    }

    [Fact]
    public async Task The_customer_page_links_to_a_new_task_and_the_timeline_opens_the_dialog()
    {
        var customer = await NewCustomer(null, "0755-1234 5678");
        var detail = Render<CustomerDetail>(p => p.Add(x => x.Id, customer.Id));
        detail.WaitForElement(".customer-add-task").GetAttribute("href").Should().Be($"/customers/{customer.Id}/timeline?task=new");
        detail.Find(".customer-phones-view a.tel-link").GetAttribute("href").Should().Be("tel:075512345678");
        detail.Find(".customer-emails-view a.mailto-link").GetAttribute("href").Should().Be("mailto:sales@example.cn");

        var dialogs = Render<MudDialogProvider>();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/customers/{customer.Id}/timeline?task=new");
        Render<CustomerTimelinePage>(p => p.Add(x => x.Id, customer.Id));
        dialogs.WaitForElement(".task-dialog .task-title");
    }

    [Fact]
    public async Task Customers_due_show_the_phone_as_a_tel_link_and_one_tap_logs_a_call()
    {
        var customer = await NewCustomer(CustomerGrade.A, "138 0013 8000");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MyDayPage>();
        page.WaitForAssertion(() => page.FindAll(".due-customer").Should().Contain(r => r.TextContent.Contains(customer.Name)));
        page.Find(".due-group-never").Should().NotBeNull();
        var row = page.FindAll(".due-customer").Single(r => r.TextContent.Contains(customer.Name));
        row.QuerySelector(".due-phone")!.GetAttribute("href").Should().Be("tel:13800138000");

        row.QuerySelector(".log-call")!.Click();
        dialogs.WaitForElement(".log-dialog .channel-call").ClassList.Should().Contain("mud-button-filled", "the call is preselected");
        dialogs.Find(".log-dialog .log-subject input").Input("季度回访电话");
        dialogs.Find(".log-dialog .save-log").Click();
        page.WaitForAssertion(() => page.FindAll(".due-customer").Should().NotContain(r => r.TextContent.Contains(customer.Name)));
        var logged = await Run<ListInteractions, Keqing.Infrastructure.Http.Page<InteractionDto>>(h => h.Handle(customer.Id, null, null, 10, null, default));
        logged.Items.Single().Channel.Should().Be(InteractionChannel.Call);
    }

    [Fact]
    public async Task A_contact_wish_for_personal_occasions_is_switched_on_the_timeline_page()
    {
        var customer = await NewCustomer();
        var contact = await Service<Contacts>().Create(customer.Id, new ContactInput("王总"), default);
        var page = Render<CustomerTimelinePage>(p => p.Add(x => x.Id, customer.Id));
        page.WaitForElement($".opt-in-{contact.Id:N} input").Change(true);
        page.WaitForAssertion(async () =>
            (await Run<ContactPreferences, ContactPreferenceDto>(h => h.Get(contact.Id, default))).PersonalOccasionOptIn.Should().BeTrue());
    }

    [Fact]
    public async Task The_follow_up_rules_page_saves_cadence_quiet_hours_and_cap()
    {
        var page = Render<TimelineSettingsPage>();
        page.WaitForElement(".cadence-d input").Change("90");
        page.Find(".quiet-from input").Change("21:00");
        page.Find(".quiet-until input").Change("08:00");
        page.Find(".weekly-cap input").Change("5");
        page.Find(".save-settings").Click();
        page.WaitForAssertion(async () =>
        {
            var s = await Run<TimelineSettingsStore, TimelineSettingsDto>(h => h.Get(default));
            s.CadenceDays[CustomerGrade.D].Should().Be(90);
            s.QuietFrom.Should().Be(new TimeOnly(21, 0));
            s.MaxContactsPerChannelPerWeek.Should().Be(5);
        });
        page.Find(".quiet-until input").Change("");
        page.Find(".save-settings").Click();
        page.WaitForAssertion(() => page.Find(".quiet-from").TextContent.Should().NotBeEmpty("quiet hours need both ends"));
    }
}
