using System.Net;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Sla.Jobs;
using Keqing.Modules.Todo.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Kb;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// Cases on their SLA clocks, through the HTTP host on both providers with the fake clock: a new case gets the clock of
/// the policy its priority matches; waiting on the customer pauses it, their answer resumes it; the first reply meets
/// the first response; a priority change recomputes the targets from the start; resolving stops it, reopening starts
/// it again; the scan warns the owner once and escalates a breach to the team manager once; the case list filters
/// near-breach and breached cases; the owner's to-do centre lists them; the case page's knowledge-base suggestions.
/// </summary>
public abstract class CaseSlaTests(ServiceApp app)
{
    private const string Urgent = "测试·紧急工单";
    private const string Standard = "测试·一般工单";

    private sealed record Team(HttpClient Admin, HttpClient Manager, UserDto ManagerUser, HttpClient Agent, UserDto AgentUser, UserDto TeammateUser, Guid TeamId);

    private async Task<Team> People()
    {
        var admin = await app.AdminClient();
        await Policies(admin);
        var managerUser = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var agent = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var teammate = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        return new Team(admin, await app.ClientFor(managerUser.Email), managerUser, await app.ClientFor(agent.Email), agent, teammate, team.Id);
    }

    /// <summary>Once per host: urgent cases answer in 60 and resolve in 240 minutes, the rest in 240 and 2400, on a 7×24 calendar.</summary>
    private static async Task Policies(HttpClient admin)
    {
        var existing = await (await admin.GetAsync("/api/sla-policies")).Read<List<SlaPolicyDto>>();
        if (existing.Any(p => p.Name == Urgent)) return;
        var calendar = await admin.PostAsJsonAsync("/api/calendars", new
        {
            name = ApiHelpers.Unique("7x24"), timeZone = "Asia/Shanghai",
            weeklyHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), start = "00:00", end = "00:00" }).ToArray(),
        }, ApiHelpers.Json);
        await calendar.ShouldBe(201);
        var calendarId = (await calendar.Read<NamedCalendarDto>()).Id;
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = Urgent, recordType = "service.case", priorities = new[] { "urgent" }, firstResponseMinutes = 60, resolutionMinutes = 240, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = Standard, recordType = "service.case", firstResponseMinutes = 240, resolutionMinutes = 2400, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);
    }

    private static async Task<SlaClockDto> Clock(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/sla");
        await response.ShouldBe(200);
        return await response.Read<SlaClockDto>();
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<int> Scan() => app.Services.GetRequiredService<SlaScanJob>().RunDueAsync(default);

    private async Task<List<Notification>> NotificationsAbout(Guid caseId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Notification>().AsNoTracking()
            .Where(n => n.Link == $"/cases/{caseId}").OrderBy(n => n.CreatedAt).ToListAsync();
    }

    private async Task<List<SlaBreach>> BreachesOf(Guid caseId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<SlaBreach>().AsNoTracking().Where(b => b.RecordId == caseId).ToListAsync();
    }

    private static async Task<List<CaseSummaryDto>> List(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/cases?{query}");
        await response.ShouldBe(200);
        return [.. (await response.Read<Page<CaseSummaryDto>>()).Items];
    }

    private static async Task<TodoSectionDto> AtRisk(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/todo?section=sla.at-risk");
        await response.ShouldBe(200);
        return await response.Read<TodoSectionDto>();
    }

    [Fact]
    public async Task The_case_moves_its_clock_pause_on_waiting_resume_on_the_answer_first_reply_met_priority_recomputes_resolve_stops_reopen_restarts()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var opened = Now;
        var c = await t.Agent.NewCase(customer.Id, "complaint", "urgent");

        var started = await Clock(t.Agent, c.Id);
        (started.PolicyName, started.State, started.RecordType).Should().Be((Urgent, SlaState.Running, "service.case"));
        started.Targets.Select(x => (x.Target, x.TargetMinutes)).Should().Equal((SlaTarget.FirstResponse, 60), (SlaTarget.Resolution, 240));
        started.Targets[0].DueAt.Should().BeCloseTo(opened.AddMinutes(60), TimeSpan.FromMilliseconds(1));
        (await Clock(t.Agent, (await t.Agent.NewCase(customer.Id)).Id)).PolicyName.Should().Be(Standard, "a normal case matches the general policy");

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await t.Agent.Reply(c.Id, "请提供设备序列号。", waitOnCustomer: true);
        var waiting = await Clock(t.Agent, c.Id);
        waiting.State.Should().Be(SlaState.Paused);
        waiting.Targets[0].State.Should().Be(SlaState.Met, "the first reply came after 10 of 60 minutes");
        waiting.Targets[1].DueAt.Should().BeNull("unknown while paused");

        app.Clock.Advance(TimeSpan.FromHours(2));
        (await Clock(t.Agent, c.Id)).Targets[1].ElapsedMinutes.Should().Be(10, "a paused clock does not count");
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ICaseDirectory>().AddCustomerReply(c.Id, "序列号是 SN-20261124。", null, default);
        var resumed = await Clock(t.Agent, c.Id);
        resumed.State.Should().Be(SlaState.Running);
        resumed.Targets[1].DueAt.Should().BeCloseTo(Now.AddMinutes(230), TimeSpan.FromMilliseconds(1), "230 of 240 minutes left after the pause");

        var current = await t.Agent.Case(c.Id);
        var changed = await t.Agent.PutCase(c.Id, current.Version, new { subject = current.Subject, type = "complaint", priority = "normal" });
        await changed.ShouldBe(200);
        var relaxed = await Clock(t.Agent, c.Id);
        relaxed.PolicyName.Should().Be(Standard);
        relaxed.Targets.Select(x => x.TargetMinutes).Should().Equal(240, 2400);
        relaxed.StartedAt.Should().BeCloseTo(opened, TimeSpan.FromMilliseconds(1), "targets count from the original start");

        // An agent's reply that does not wait ends a wait, too.
        await t.Agent.Reply(c.Id, "还需要照片。", waitOnCustomer: true);
        (await Clock(t.Agent, c.Id)).State.Should().Be(SlaState.Paused);
        await t.Agent.Reply(c.Id, "照片已收到，工程师安排中。");
        (await Clock(t.Agent, c.Id)).State.Should().Be(SlaState.Running);

        await (await t.Agent.Act(c.Id, "resolve")).ShouldBe(200);
        var met = await Clock(t.Agent, c.Id);
        (met.State, met.StoppedAt).Should().Be((SlaState.Met, (DateTime?)Now));
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await (await t.Agent.Act(c.Id, "reopen")).ShouldBe(200);
        var restarted = await Clock(t.Agent, c.Id);
        (restarted.State, restarted.StoppedAt).Should().Be((SlaState.Running, (DateTime?)null));
        restarted.StartedAt.Should().BeCloseTo(Now, TimeSpan.FromMilliseconds(1), "a reopened case's clock starts again");

        await (await t.Agent.Act(c.Id, "close")).ShouldBe(200);
        (await Clock(t.Agent, c.Id)).State.Should().Be(SlaState.Cancelled, "closed unresolved: nothing judged");

        var low = await t.Agent.NewCase(customer.Id, "question", "low");
        await (await t.Agent.GetAsync($"/api/cases/{Guid.NewGuid()}/sla")).ShouldBe(404);
        var outsider = await app.ClientFor((await t.Admin.CreateUser(Roles.ServiceAgent, (await t.Admin.CreateTeam()).Id)).Email);
        await (await outsider.GetAsync($"/api/cases/{low.Id}/sla")).ShouldBe(404); // a case one may not see has no clock to show
    }

    [Fact]
    public async Task The_scan_warns_the_owner_once_escalates_the_breach_to_the_manager_once_and_lists_and_to_dos_follow()
    {
        var t = await People();
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id, "repair", "urgent");
        var calm = await t.Agent.NewCase(customer.Id, "repair", "normal");

        app.Clock.Advance(TimeSpan.FromMinutes(47));
        await Scan();
        (await NotificationsAbout(c.Id)).Should().BeEmpty("47 of 60 minutes is under 80 %");
        (await List(t.Agent, "mine=true&sla=nearBreach")).Should().NotContain(x => x.Id == c.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Scan();
        (await Scan()).Should().Be(0, "a second run at the same instant has nothing to send");
        (await NotificationsAbout(c.Id)).Should().ContainSingle().Which.Should().Match<Notification>(n => n.UserId == t.AgentUser.Id && n.EventType == "sla.warning");
        var near = await List(t.Agent, "mine=true&sla=nearBreach");
        near.Should().ContainSingle(x => x.Id == c.Id).Which.Sla!.State.Should().Be(SlaState.Warned);
        near.Should().NotContain(x => x.Id == calm.Id);
        (await List(t.Agent, "mine=true")).Single(x => x.Id == calm.Id).Sla!.State.Should().Be(SlaState.Running);
        (await List(t.Agent, "mine=true&sla=breached")).Should().NotContain(x => x.Id == c.Id);
        var todo = await AtRisk(t.Agent);
        todo.Items.Should().ContainSingle(i => i.RecordId == c.Id).Which.Should().Match<TodoItem>(i =>
            i.Href == $"/cases/{c.Id}" && !i.Overdue && i.Title.StartsWith(c.Number));

        app.Clock.Advance(TimeSpan.FromMinutes(12)); // 61 minutes: no first response in time
        await Scan();
        (await Scan()).Should().Be(0);
        var breached = (await NotificationsAbout(c.Id)).Where(n => n.EventType == "sla.breached").ToList();
        breached.Should().ContainSingle().Which.UserId.Should().Be(t.ManagerUser.Id, "escalated to the owner's team manager");
        var breach = (await BreachesOf(c.Id)).Should().ContainSingle().Subject;
        (breach.Target, breach.EscalatedTo, breach.LateMinutes).Should().Be((SlaTarget.FirstResponse, (Guid?)t.ManagerUser.Id, 1));
        (await List(t.Agent, "mine=true&sla=breached")).Should().ContainSingle(x => x.Id == c.Id).Which.Sla!.State.Should().Be(SlaState.Breached);
        (await List(t.Agent, "mine=true&sla=nearBreach")).Should().NotContain(x => x.Id == c.Id);
        (await AtRisk(t.Agent)).Items.Should().ContainSingle(i => i.RecordId == c.Id).Which.Overdue.Should().BeTrue();
        await (await t.Agent.GetAsync("/api/cases?sla=late")).ShouldBe(400);

        // Given to a teammate: the case is on their to-do list now, not the agent's.
        await (await t.Manager.Act(c.Id, "assign", new { ownerId = t.TeammateUser.Id })).ShouldBe(200);
        (await AtRisk(t.Agent)).Items.Should().NotContain(i => i.RecordId == c.Id);
        var teammate = await app.ClientFor(t.TeammateUser.Email);
        (await AtRisk(teammate)).Items.Should().ContainSingle(i => i.RecordId == c.Id);

        await (await teammate.Act(c.Id, "resolve")).ShouldBe(200);
        (await AtRisk(teammate)).Items.Should().NotContain(i => i.RecordId == c.Id, "a resolved case is off the list");
        (await Clock(teammate, c.Id)).State.Should().Be(SlaState.Breached, "resolved, but the first response was late");
        app.Clock.Advance(TimeSpan.FromHours(5));
        await Scan();
        (await NotificationsAbout(c.Id)).Should().HaveCount(2, "a stopped clock has no more alarms");
    }

    [Fact]
    public async Task The_case_page_suggests_published_articles_for_the_case_and_for_what_the_agent_types()
    {
        var t = await People();
        var rare = KbApi.RareHan();
        var article = await t.Manager.Published($"{rare}彩超探头条纹的处理", "先清洁探头，再重启设备。", ["彩超"]);
        var draft = await t.Manager.NewArticle($"{rare}探头草稿");
        var customer = await t.Admin.NewCustomer();
        var c = await t.Agent.NewCase(customer.Id, subject: $"{rare}探头图像有条纹");

        var response = await t.Agent.GetAsync($"/api/cases/{c.Id}/suggestions");
        await response.ShouldBe(200);
        var suggested = await response.Read<List<KbSuggestion>>();
        suggested.Should().Contain(s => s.Id == article.Id && s.Url == $"/kb/{article.Id}");
        suggested.Should().NotContain(s => s.Id == draft.Id, "a draft is never suggested");

        var typed = await (await t.Agent.GetAsync($"/api/cases/{c.Id}/suggestions?text={Uri.EscapeDataString(rare + "清洁")}")).Read<List<KbSuggestion>>();
        typed.Should().Contain(s => s.Id == article.Id);
        var bad = await t.Agent.GetAsync($"/api/cases/{c.Id}/suggestions?text={new string('字', 2001)}");
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"text\"");
        await (await t.Agent.GetAsync($"/api/cases/{Guid.NewGuid()}/suggestions")).ShouldBe(404);
        (await t.Agent.GetAsync($"/api/cases/{c.Id}/sla")).StatusCode.Should().Be(HttpStatusCode.OK, "a normal case has the general policy's clock");
    }
}

public sealed class CaseSlaTestsOnSqlite(SqliteServiceApp app) : CaseSlaTests(app), IClassFixture<SqliteServiceApp>;
public sealed class CaseSlaTestsOnPostgres(PostgresServiceApp app) : CaseSlaTests(app), IClassFixture<PostgresServiceApp>;
