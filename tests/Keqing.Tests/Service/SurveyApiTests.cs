using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Jobs;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Notifications;
using Keqing.Tests.Timeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>The host for survey tests: a fake clock, email to a real SMTP socket (<see cref="SmtpSink"/>), absolute links.</summary>
public abstract class SurveyApp(PostgresServer postgres, Provider provider) : ClockedKeqingApp(postgres, provider)
{
    public const string PublicUrl = "https://crm.example.test";

    public SmtpSink Smtp { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Keqing:Notifications:PublicUrl", PublicUrl);
        builder.UseSetting("Keqing:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Keqing:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Keqing:Smtp:From", "Keqing CRM <noreply@keqing.test>");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSurveyApp(PostgresServer postgres) : SurveyApp(postgres, Provider.Sqlite);
public sealed class PostgresSurveyApp(PostgresServer postgres) : SurveyApp(postgres, Provider.Postgres);

/// <summary>
/// The satisfaction loop through the HTTP host on both providers (DOMAIN V5): resolving a case emails its contact a
/// signed link through the outbox and a real SMTP socket; the answer is stored once; reused, forged and expired links;
/// a low score gives the team manager a task about the case and a notification; the loop on the case and the manager's
/// review; the service report's figures on a known data set and by who may see what.
/// </summary>
public abstract partial class SurveyApiTests(SurveyApp app)
{
    private sealed record People(HttpClient Admin, HttpClient Manager, UserDto ManagerUser, HttpClient Agent, UserDto AgentUser,
        HttpClient Teammate, UserDto TeammateUser, HttpClient Outsider, HttpClient OtherManager, Guid TeamId);

    private async Task<People> Team()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var otherManagerUser = await admin.CreateUser(Roles.ServiceManager);
        var otherTeam = await admin.CreateTeam(managerId: otherManagerUser.Id);
        var agent = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var teammate = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var outsider = await admin.CreateUser(Roles.ServiceAgent, otherTeam.Id);
        return new People(admin, await app.ClientFor(managerUser.Email), managerUser, await app.ClientFor(agent.Email), agent,
            await app.ClientFor(teammate.Email), teammate, await app.ClientFor(outsider.Email), await app.ClientFor(otherManagerUser.Email), team.Id);
    }

    private static async Task<(Guid CustomerId, Guid ContactId, string Email)> CustomerWithContact(HttpClient admin)
    {
        var customer = await admin.NewCustomer();
        var email = $"li.{Guid.NewGuid():N}@example.test";
        var response = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "李护士长", emails = new[] { email } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return (customer.Id, (await response.Read<ContactDto>()).Id, email);
    }

    /// <summary>Delivers the outbox and returns the survey link's token from the mail sent to <paramref name="email"/>.</summary>
    private async Task<string> SurveyTokenSentTo(string email)
    {
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
        // The agent's public replies reach the contact too (their subject starts with the case token); one mail is the survey.
        var mail = app.Smtp.Messages.Where(m => m.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase))
            && LinkPattern().IsMatch(m.Parse().TextBody ?? "")).ToList();
        mail.Should().ContainSingle("one survey per resolution");
        var text = mail[0].Parse().TextBody ?? "";
        var match = LinkPattern().Match(text);
        match.Success.Should().BeTrue(text);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https://crm\.example\.test/survey/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    private static async Task<CaseLoopDto> Loop(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/loop");
        await response.ShouldBe(200);
        return await response.Read<CaseLoopDto>();
    }

    private static Task<HttpResponseMessage> Answer(HttpClient client, string token, object body) =>
        client.PostAsJsonAsync($"/api/public/surveys/{token}", body, ApiHelpers.Json);

    [Fact]
    public async Task Resolving_a_case_emails_its_contact_a_signed_link_answered_once_without_sign_in()
    {
        var t = await Team();
        var (customerId, contactId, email) = await CustomerWithContact(t.Admin);
        var c = await t.Agent.NewCase(customerId, contactId: contactId);
        await t.Agent.Reply(c.Id, "您好，工程师明天上门。");
        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(200);
        var token = await SurveyTokenSentTo(email);
        var mail = app.Smtp.Messages.Single(m => m.To.Any(x => x.Contains(email, StringComparison.OrdinalIgnoreCase))
            && LinkPattern().IsMatch(m.Parse().TextBody ?? "")).Parse();
        mail.Subject.Should().Contain(c.Number);

        var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync($"/survey/{token}");
        await page.ShouldBe(200);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain(c.Number).And.Contain("name=\"csat\"").And.Contain("name=\"nps\"").And.Contain("width=device-width").And.NotContain("_framework");

        var bad = await Answer(anonymous, token, new { csat = 7, nps = 11, comment = new string('长', 2001) });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"csat\"").And.Contain("\"nps\"").And.Contain("\"comment\"");
        await (await Answer(anonymous, token, new { nps = 9 })).ShouldBe(400);

        await (await Answer(anonymous, token, new { csat = 5, nps = 9, comment = "工程师很专业" })).ShouldBe(200);
        await (await Answer(anonymous, token, new { csat = 1, nps = 0 })).ShouldBe(409);
        (await (await anonymous.GetAsync($"/survey/{token}")).Content.ReadAsStringAsync()).Should().Contain("已经填写过了");

        var loop = await Loop(t.Agent, c.Id);
        (loop.Survey!.Csat, loop.Survey.Nps, loop.Survey.Comment, loop.Survey.Low).Should().Be((5, 9, "工程师很专业", false));
        loop.FirstResponseAt.Should().NotBeNull();
        loop.ResolvedAt.Should().NotBeNull();
        loop.Survey.FollowUpTaskId.Should().BeNull();

        // A case without a contact, or a contact without email, sends nothing.
        var noContact = await t.Agent.NewCase(customerId);
        await (await t.Agent.Act(noContact.Id, "resolve")).ShouldBe(200);
        (await Loop(t.Agent, noContact.Id)).Survey.Should().BeNull();
    }

    [Fact]
    public async Task Forged_truncated_and_expired_links_get_a_clear_page_and_never_a_500()
    {
        var t = await Team();
        var (customerId, contactId, email) = await CustomerWithContact(t.Admin);
        var c = await t.Agent.NewCase(customerId, contactId: contactId);
        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(200);
        var token = await SurveyTokenSentTo(email);
        var anonymous = app.CreateClient();

        var forged = token[..^3] + (token[^3] == 'A' ? "BBB" : "AAA");
        foreach (var wrong in new[] { forged, token[..20], "not-a-token", new string('x', 600) })
        {
            await (await Answer(anonymous, wrong, new { csat = 3 })).ShouldBe(404);
            var page = await anonymous.GetAsync($"/survey/{wrong}");
            await page.ShouldBe(404);
            (await page.Content.ReadAsStringAsync()).Should().Contain("链接无效");
        }
        (await (await anonymous.GetAsync($"/survey/{forged}?lang=en")).Content.ReadAsStringAsync()).Should().Contain("not valid");

        app.Clock.Advance(TimeSpan.FromDays(15));
        await (await Answer(anonymous, token, new { csat = 3 })).ShouldBe(409);
        (await (await anonymous.GetAsync($"/survey/{token}")).Content.ReadAsStringAsync()).Should().Contain("链接已过期");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["csat"] = "3" });
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/surveys/{token}") { Content = form };
        request.Headers.Accept.ParseAdd("text/html");
        var posted = await anonymous.SendAsync(request);
        await posted.ShouldBe(409);
        (await posted.Content.ReadAsStringAsync()).Should().Contain("链接已过期");
    }

    [Fact]
    public async Task A_low_score_gives_the_team_manager_a_task_about_the_case_and_a_notification()
    {
        var t = await Team();
        var (customerId, contactId, email) = await CustomerWithContact(t.Admin);
        var c = await t.Agent.NewCase(customerId, contactId: contactId);
        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(200);
        var token = await SurveyTokenSentTo(email);

        // The page's own form: form-encoded, answered with HTML.
        var anonymous = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/surveys/{token}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csat"] = "2", ["nps"] = "3", ["comment"] = "等了一个月才有人来" }),
        };
        request.Headers.Accept.ParseAdd("text/html");
        var answered = await anonymous.SendAsync(request);
        await answered.ShouldBe(200);
        (await answered.Content.ReadAsStringAsync()).Should().Contain("谢谢您");

        var loop = await Loop(t.Manager, c.Id);
        (loop.Survey!.Csat, loop.Survey.Nps, loop.Survey.Low).Should().Be((2, 3, true));
        var taskId = loop.Survey.FollowUpTaskId!.Value;
        var tasks = await (await t.Manager.GetAsync($"/api/tasks?subjectType=service.case&subjectId={c.Id}")).Read<Page<TaskDto>>();
        var task = tasks.Items.Should().ContainSingle().Subject;
        (task.Id, task.AssigneeId, task.Priority).Should().Be((taskId, t.ManagerUser.Id, TaskPriority.High));
        task.Title.Should().Contain(c.Number);
        task.Notes.Should().Contain("等了一个月才有人来");

        var notifications = await (await t.Manager.GetAsync("/api/notifications")).Read<Page<NotificationDto>>();
        notifications.Items.Should().Contain(n => n.EventType == EventTypes.SurveyLowScore && n.Link == $"/cases/{c.Id}" && n.Title.Contains(c.Number));

        // A good score opens nothing.
        var (customer2, contact2, email2) = await CustomerWithContact(t.Admin);
        var good = await t.Agent.NewCase(customer2, contactId: contact2);
        await (await t.Agent.Act(good.Id, "resolve")).ShouldBe(200);
        await (await Answer(anonymous, await SurveyTokenSentTo(email2), new { csat = 4, nps = 8 })).ShouldBe(200);
        (await Loop(t.Manager, good.Id)).Survey!.FollowUpTaskId.Should().BeNull();
    }

    [Fact]
    public async Task A_manager_reviews_a_case_of_their_team_an_agent_may_not_and_another_team_cannot_see_it()
    {
        var t = await Team();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id);

        await (await t.Agent.PostAsJsonAsync($"/api/cases/{c.Id}/review", new { note = "自己复盘" }, ApiHelpers.Json)).ShouldBe(403);
        await (await t.OtherManager.PostAsJsonAsync($"/api/cases/{c.Id}/review", new { note = "别的团队" }, ApiHelpers.Json)).ShouldBe(404);
        await (await t.OtherManager.GetAsync($"/api/cases/{c.Id}/loop")).ShouldBe(404);
        var empty = await t.Manager.PostAsJsonAsync($"/api/cases/{c.Id}/review", new { note = " " }, ApiHelpers.Json);
        await empty.ShouldBe(400);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("\"note\"");

        var reviewed = await t.Manager.PostAsJsonAsync($"/api/cases/{c.Id}/review", new { note = "响应及时，下次提前告知上门时间。" }, ApiHelpers.Json);
        await reviewed.ShouldBe(200);
        var loop = await reviewed.Read<CaseLoopDto>();
        (loop.Review!.Note, loop.Review.ReviewerId, loop.CanReview).Should().Be(("响应及时，下次提前告知上门时间。", t.ManagerUser.Id, true));
        var seen = await Loop(t.Agent, c.Id);
        (seen.Review!.Note, seen.CanReview).Should().Be(("响应及时，下次提前告知上门时间。", false));
        await (await t.Manager.PostAsJsonAsync($"/api/cases/{c.Id}/review", new { note = "改一下" }, ApiHelpers.Json)).ShouldBe(200);
        (await Loop(t.Agent, c.Id)).Review!.Note.Should().Be("改一下");
    }

    [Fact]
    public async Task The_report_sums_a_known_day_by_agent_team_and_month_over_the_cases_the_caller_may_see()
    {
        // A fresh working day at 10:00 in Shanghai, after whatever the other tests did with the clock.
        var local = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        while (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) local = local.AddDays(1);
        app.Clock.SetUtcNow(new DateTimeOffset(local.Year, local.Month, local.Day, 10, 0, 0, TimeSpan.FromHours(8)));
        var day = DateOnly.FromDateTime(local).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var t = await Team();
        var (customerId, contactId, email) = await CustomerWithContact(t.Admin);
        var answered = await t.Agent.NewCase(customerId, contactId: contactId);
        var reopened = await t.Agent.NewCase(customerId);
        var untouched = await t.Teammate.NewCase(customerId);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await t.Agent.Reply(answered.Id, "已安排工程师。");
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await (await t.Agent.Act(answered.Id, "resolve")).ShouldBe(200);
        await (await t.Agent.Act(reopened.Id, "resolve")).ShouldBe(200);
        await (await t.Agent.Act(reopened.Id, "reopen")).ShouldBe(200);
        await (await Answer(app.CreateClient(), await SurveyTokenSentTo(email), new { csat = 4, nps = 10 })).ShouldBe(200);

        async Task<ServiceReport> Report(HttpClient client, string groupBy)
        {
            var response = await client.GetAsync($"/api/reports/service?from={day}&to={day}&groupBy={groupBy}");
            await response.ShouldBe(200);
            return await response.Read<ServiceReport>();
        }

        var byAgent = await Report(t.Admin, "agent");
        var agentRow = byAgent.Rows.Single(r => r.Key == t.AgentUser.Id.ToString());
        agentRow.Label.Should().Be(t.AgentUser.DisplayName);
        (agentRow.Cases, agentRow.Resolved, agentRow.AvgFirstResponseMinutes, agentRow.AvgResolutionMinutes, agentRow.Breached, agentRow.Reopened)
            .Should().Be((2, 1, 30.0, 90.0, 0, 1));
        (agentRow.ReopenRate, agentRow.Answers, agentRow.Csat, agentRow.Nps).Should().Be((50.0, 1, 4.0, 100.0));
        byAgent.Rows.Single(r => r.Key == t.TeammateUser.Id.ToString()).Cases.Should().Be(1);

        var byTeam = await Report(t.Admin, "team");
        var teamRow = byTeam.Rows.Single(r => r.Key == t.TeamId.ToString());
        (teamRow.Cases, teamRow.Resolved, teamRow.Answers).Should().Be((3, 1, 1));
        var byMonth = await Report(t.Manager, "month");
        byMonth.Rows.Should().ContainSingle().Which.Key.Should().Be(day[..7]);
        byMonth.Total.Cases.Should().Be(3, "the manager sees the team's cases");

        (await Report(t.Agent, "agent")).Total.Cases.Should().Be(2, "an agent sees their own");
        (await Report(t.Outsider, "agent")).Total.Cases.Should().Be(0);
        (await Report(t.Admin, "category")).Rows.Should().Contain(r => r.Key == "" && r.Cases >= 3);

        var bad = await t.Admin.GetAsync($"/api/reports/service?from={day}&to=2020-01-01&groupBy=weekday");
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"groupBy\"").And.Contain("\"from\"");
    }
}

public sealed class SurveyApiTestsOnSqlite(SqliteSurveyApp app) : SurveyApiTests(app), IClassFixture<SqliteSurveyApp>;
public sealed class SurveyApiTestsOnPostgres(PostgresSurveyApp app) : SurveyApiTests(app), IClassFixture<PostgresSurveyApp>;
