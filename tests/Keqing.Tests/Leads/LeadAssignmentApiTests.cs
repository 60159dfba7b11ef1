using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Leads.Jobs;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Leads;

/// <summary>
/// Lead assignment rules, lead settings, the response clock job and the response report, on both providers and a fake
/// clock. Each test makes rules on an industry of its own, so the rules of one test never catch another's leads.
/// </summary>
public abstract class LeadAssignmentApiTests(ClockedKeqingApp app)
{
    private static readonly BusinessCalendar China = CompanyCalendar.ToBusinessCalendar(CompanyCalendar.Defaults);

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static LeadInput Input(string industry, string? name = null, string? province = null, string? city = null) =>
        new(name ?? Unique("线索"), "某医疗器械公司", null, null, null, province, city, industry, CompanySize.Small, null,
            LeadSource.WebForm, null, LegalBasis.Contract, null);

    /// <summary>Makes a lead the one way leads are made (<see cref="CreateLead"/>) and saves it.</summary>
    private async Task<Lead> NewLead(LeadInput input, Guid fallbackOwnerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var lead = await scope.ServiceProvider.GetRequiredService<CreateLead>().Add(input, fallbackOwnerId, null, default);
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
        return lead;
    }

    private async Task Change(Guid leadId, Action<Lead> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        change(await db.Set<Lead>().SingleAsync(l => l.Id == leadId));
        await db.SaveChangesAsync();
    }

    private static async Task<AssignmentRuleDto> AddRule(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/lead-assignment-rules", body, Json);
        await response.ShouldBe(201);
        return await response.Read<AssignmentRuleDto>();
    }

    private static HttpRequestMessage Put(string url, object body, string? ifMatch) => new(HttpMethod.Put, url)
    {
        Content = JsonContent.Create(body, options: Json),
        Headers = { { "If-Match", ifMatch is null ? [] : [ifMatch] } },
    };

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        await response.ShouldBe(400);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public async Task Rules_are_made_changed_reordered_and_deleted_by_rule_managers_with_every_bad_field_named()
    {
        var admin = await app.AdminClient();
        var manager = await app.ClientFor((await admin.CreateUser(Roles.SalesManager)).Email);
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        var team = await admin.CreateTeam();
        var user = await admin.CreateUser(Roles.SalesRep, team.Id);

        (await ErrorFields(await manager.PostAsJsonAsync("/api/lead-assignment-rules", new { name = "", industries = new[] { new string('医', 101) } }, Json)))
            .Should().BeEquivalentTo("name", "industries", "target");
        (await ErrorFields(await manager.PostAsJsonAsync("/api/lead-assignment-rules", new { name = "空目标", target = "user" }, Json)))
            .Should().Equal("userId");
        (await ErrorFields(await manager.PostAsJsonAsync("/api/lead-assignment-rules",
            new { name = "未知", target = "teamRoundRobin", teamId = Guid.NewGuid(), cities = new[] { " " } }, Json)))
            .Should().BeEquivalentTo("teamId", "cities");
        (await ErrorFields(await manager.PostAsJsonAsync("/api/lead-assignment-rules", new { name = "未知用户", target = "user", userId = Guid.NewGuid() }, Json)))
            .Should().Equal("userId");
        await (await rep.PostAsJsonAsync("/api/lead-assignment-rules", new { name = "销售不可", target = "user", userId = user.Id }, Json)).ShouldBe(403);
        await (await rep.GetAsync("/api/lead-assignment-rules")).ShouldBe(403);

        var industry = Unique("医院");
        var first = await AddRule(manager, new { name = "广东医院", provinces = new[] { "广东" }, industries = new[] { industry }, target = "teamRoundRobin", teamId = team.Id });
        var second = await AddRule(manager, new { name = "医院给专人", industries = new[] { industry, industry }, target = "user", userId = user.Id, teamId = team.Id });
        second.Order.Should().BeGreaterThan(first.Order);
        second.TeamId.Should().BeNull("a user rule keeps no team");
        second.Industries.Should().Equal(industry);

        var url = $"/api/lead-assignment-rules/{first.Id}";
        var changed = new { name = "广东广州医院", provinces = new[] { "广东" }, cities = new[] { "广州" }, industries = new[] { industry }, target = "teamFewestOpen", teamId = team.Id };
        await (await manager.SendAsync(Put(url, changed, null))).ShouldBe(428);
        await (await manager.SendAsync(Put(url, changed, "\"9\""))).ShouldBe(412);
        var put = await manager.SendAsync(Put(url, changed, $"\"{first.Version}\""));
        await put.ShouldBe(200);
        (await put.Read<AssignmentRuleDto>()).Should().Match<AssignmentRuleDto>(r => r.Target == AssignmentTarget.TeamFewestOpen && r.Cities.Single() == "广州" && r.Version == first.Version + 1);

        var all = await (await manager.GetAsync("/api/lead-assignment-rules")).Read<List<AssignmentRuleDto>>();
        (await ErrorFields(await manager.SendAsync(Put("/api/lead-assignment-rules/order", new { ids = all.Skip(1).Select(r => r.Id) }, null))))
            .Should().Equal("ids");
        var reversed = all.Select(r => r.Id).Reverse().ToList();
        var reordered = await (await manager.SendAsync(Put("/api/lead-assignment-rules/order", new { ids = reversed }, null))).Read<List<AssignmentRuleDto>>();
        reordered.Select(r => r.Id).Should().Equal(reversed);
        reordered.Select(r => r.Order).Should().BeInAscendingOrder();

        await (await manager.DeleteAsync($"/api/lead-assignment-rules/{second.Id}")).ShouldBe(204);
        await (await manager.GetAsync($"/api/lead-assignment-rules/{second.Id}")).ShouldBe(404);
        await (await manager.DeleteAsync($"/api/lead-assignment-rules/{first.Id}")).ShouldBe(204);
    }

    [Fact]
    public async Task Lead_settings_are_read_by_anyone_and_changed_by_rule_managers_under_If_Match()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        var got = await rep.GetAsync("/api/lead-settings");
        await got.ShouldBe(200);
        var current = await got.Read<LeadSettingsDto>();
        current.ResponseMinutes.Should().Be(240);
        got.Headers.ETag!.Tag.Should().Be($"\"{current.Version}\"");

        await (await rep.SendAsync(Put("/api/lead-settings", new { responseMinutes = 120, hotScore = 50 }, "*"))).ShouldBe(403);
        (await ErrorFields(await admin.SendAsync(Put("/api/lead-settings", new { responseMinutes = 0, hotScore = -1 }, "*"))))
            .Should().BeEquivalentTo("responseMinutes", "hotScore");
        await (await admin.SendAsync(Put("/api/lead-settings", new { responseMinutes = 120, hotScore = 50 }, null))).ShouldBe(428);
        await (await admin.SendAsync(Put("/api/lead-settings", new { responseMinutes = 120, hotScore = 50 }, $"\"{current.Version + 5}\""))).ShouldBe(412);
        var saved = await (await admin.SendAsync(Put("/api/lead-settings", new { responseMinutes = 120, hotScore = 50 }, $"\"{current.Version}\""))).Read<LeadSettingsDto>();
        saved.Should().Be(new LeadSettingsDto(120, 50, current.Version + 1));

        // A new lead's clock uses the new target; the other tests of this class expect the default back.
        var lead = await NewLead(Input(Unique("行业")), (await admin.CreateUser(Roles.SalesRep)).Id);
        China.Between(new DateTimeOffset(lead.ClockStartedAt), new DateTimeOffset(lead.RespondBy!.Value)).Should().Be(TimeSpan.FromMinutes(120));
        await (await admin.SendAsync(Put("/api/lead-settings", new { responseMinutes = 240, hotScore = 60 }, "*"))).ShouldBe(200);
    }

    [Fact]
    public async Task A_new_lead_goes_to_the_rules_user_round_robin_or_fewest_open_and_else_to_the_fallback()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var repA = await admin.CreateUser(Roles.SalesRep, team.Id);
        var repB = await admin.CreateUser(Roles.SalesManager, team.Id);
        await admin.CreateUser(Roles.Marketer, team.Id); // not a seller: never given a lead by a team rule
        var fallback = await admin.CreateUser(Roles.SalesRep);
        var hospital = Unique("医院");
        var factory = Unique("制造");
        var school = Unique("教育");
        var gone = Unique("离职");
        await AddRule(admin, new { name = "医院轮流", industries = new[] { hospital }, provinces = new[] { "广东" }, target = "teamRoundRobin", teamId = team.Id });
        await AddRule(admin, new { name = "医院其他省给专人", industries = new[] { hospital }, target = "user", userId = fallback.Id });
        await AddRule(admin, new { name = "制造最少", industries = new[] { factory }, target = "teamFewestOpen", teamId = team.Id });
        var leaver = await admin.CreateUser(Roles.SalesRep, team.Id);
        await AddRule(admin, new { name = "离职者", industries = new[] { gone }, target = "user", userId = leaver.Id });
        await AddRule(admin, new { name = "停用", industries = new[] { school }, target = "user", userId = repA.Id, active = false });
        await (await admin.PostAsync($"/api/users/{leaver.Id}/deactivate", null)).ShouldBe(200);

        var members = new[] { repA.Id, repB.Id }.Order().ToList();
        var turns = new List<Guid>();
        for (var i = 0; i < 4; i++) turns.Add((await NewLead(Input(hospital, province: "广东"), fallback.Id)).OwnerId);
        turns.Should().Equal(members[0], members[1], members[0], members[1]);
        var other = await NewLead(Input(hospital, province: "浙江"), repA.Id);
        other.OwnerId.Should().Be(fallback.Id, "the second rule matches a hospital outside 广东");
        other.TeamId.Should().BeNull();

        // Two leads at once take two turns.
        var pair = await Task.WhenAll(NewLead(Input(hospital, province: "广东"), fallback.Id), NewLead(Input(hospital, province: "广东"), fallback.Id));
        pair.Select(l => l.OwnerId).Should().BeEquivalentTo(members);
        pair.Should().OnlyContain(l => l.TeamId == team.Id);

        // Fewest open: each holds 3 open leads; repB gets one more open, repA two that are closed (disqualified, archived).
        await NewLead(Input(Unique("行业")), repB.Id);
        var ofA = await NewLead(Input(Unique("行业")), repA.Id);
        var ofA2 = await NewLead(Input(Unique("行业")), repA.Id);
        await Change(ofA.Id, l => l.Status = LeadStatus.Disqualified);
        await Change(ofA2.Id, l => l.ArchivedAt = Now);
        (await NewLead(Input(factory), fallback.Id)).OwnerId.Should().Be(repA.Id, "3 open against 4: closed leads do not count");

        (await NewLead(Input(gone), fallback.Id)).OwnerId.Should().Be(fallback.Id, "an inactive user gets no lead: the caller's fallback");
        (await NewLead(Input(school), fallback.Id)).OwnerId.Should().Be(fallback.Id, "an inactive rule matches nothing");
        (await NewLead(Input(Unique("无规则")), repB.Id)).OwnerId.Should().Be(repB.Id, "no rule matches");
    }

    [Fact]
    public async Task The_owner_is_reminded_at_80_percent_and_the_manager_alerted_at_the_deadline_once_each()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var jobs = app.Services.GetRequiredService<ResponseClockJob>();
        var waiting = await NewLead(Input(Unique("行业"), name: Unique("等回复")), rep.Id);
        var answered = await NewLead(Input(Unique("行业"), name: Unique("已回复")), rep.Id);
        await Change(answered.Id, l => ResponseClock.Stop(l, Now));
        var (remindAt, respondBy) = ResponseClock.Deadlines(China, new DateTimeOffset(waiting.ClockStartedAt), TimeSpan.FromMinutes(240));
        waiting.RemindAt.Should().Be(remindAt.UtcDateTime);
        waiting.RespondBy.Should().Be(respondBy.UtcDateTime);

        app.Clock.Advance(remindAt - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await jobs.RunDueAsync(default);
        (await Inbox(rep)).Should().NotContain(waiting.Name);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(jobs.RunDueAsync(default), jobs.RunDueAsync(default));
        await jobs.RunDueAsync(default);
        System.Text.RegularExpressions.Regex.Count(await Inbox(rep), waiting.Name).Should().Be(1, "reminded once");
        (await Inbox(manager)).Should().NotContain(waiting.Name);

        app.Clock.Advance(respondBy - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await Task.WhenAll(jobs.RunDueAsync(default), jobs.RunDueAsync(default));
        await jobs.RunDueAsync(default);
        System.Text.RegularExpressions.Regex.Count(await Inbox(manager), waiting.Name).Should().Be(1, "the manager is alerted once");
        System.Text.RegularExpressions.Regex.Count(await Inbox(rep), waiting.Name).Should().Be(1, "the owner only had the reminder");
        (await Inbox(rep)).Should().NotContain(answered.Name);
        (await Inbox(manager)).Should().NotContain(answered.Name);

        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == waiting.Id);
        stored.ReminderSentAt.Should().NotBeNull();
        stored.BreachAlertedAt.Should().NotBeNull();
        stored.Version.Should().Be(waiting.Version, "the job's stamps are bookkeeping: an edit in progress does not go stale");
    }

    [Fact]
    public async Task A_lead_past_both_times_alerts_the_manager_only_and_a_team_without_manager_alerts_the_owner()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var lead = await NewLead(Input(Unique("行业"), name: Unique("无经理")), rep.Id);
        app.Clock.Advance(lead.RespondBy!.Value - Now + TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<ResponseClockJob>().RunDueAsync(default);
        var inbox = await Inbox(rep);
        System.Text.RegularExpressions.Regex.Count(inbox, lead.Name).Should().Be(1, "the breach alert only, to the owner as the team has no manager");
    }

    private async Task<string> Inbox(UserDto user) => await (await app.ClientFor(user.Email)).GetStringAsync("/api/notifications?limit=200");

    [Fact]
    public async Task The_response_report_counts_business_time_by_rep_team_and_source_within_what_one_may_see()
    {
        var admin = await app.AdminClient();
        var managerA = await admin.CreateUser(Roles.SalesManager);
        var teamA = await admin.CreateTeam(managerId: managerA.Id);
        var a1 = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var a2 = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var teamB = await admin.CreateTeam();
        var b1 = await admin.CreateUser(Roles.SalesRep, teamB.Id);

        var fast = await NewLead(Input(Unique("行业")), a1.Id);
        var slow = await NewLead(Input(Unique("行业")), a1.Id);
        var never = await NewLead(Input(Unique("行业")), a2.Id);
        var elsewhere = await NewLead(Input(Unique("行业")), b1.Id);
        await Change(fast.Id, l => ResponseClock.Stop(l, China.Add(new DateTimeOffset(l.ClockStartedAt), TimeSpan.FromHours(1)).UtcDateTime));
        // Answered after 5 business hours: past the 4-hour target, so breached though answered.
        await Change(slow.Id, l => ResponseClock.Stop(l, China.Add(new DateTimeOffset(l.ClockStartedAt), TimeSpan.FromHours(5)).UtcDateTime));
        app.Clock.Advance(TimeSpan.FromDays(3));
        admin = await app.AdminClient(); // tokens live 12 hours on the fake clock

        var day = China.LocalDate(new DateTimeOffset(fast.CreatedAt));
        var query = $"from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        var asManager = await app.ClientFor(managerA.Email);
        var byRep = await (await asManager.GetAsync($"/api/reports/lead-response?{query}&groupBy=rep")).Read<LeadResponseReport>();
        byRep.Rows.Select(r => r.Key).Should().BeEquivalentTo([a1.Id.ToString(), a2.Id.ToString()], "a manager sees their team's leads only");
        var rowA1 = byRep.Rows.Single(r => r.Key == a1.Id.ToString());
        rowA1.Should().Be(new LeadResponseRow(a1.Id.ToString(), a1.DisplayName, 2, 2, 60, 300, 1, 0));
        byRep.Rows.Single(r => r.Key == a2.Id.ToString()).Should().Be(new LeadResponseRow(a2.Id.ToString(), a2.DisplayName, 1, 0, null, null, 1, 1));
        byRep.Total.Leads.Should().Be(3);

        var byTeam = await (await asManager.GetAsync($"/api/reports/lead-response?{query}&groupBy=team")).Read<LeadResponseReport>();
        byTeam.Rows.Should().ContainSingle().Which.Should().Match<LeadResponseRow>(r => r.Label == teamA.Name && r.Leads == 3 && r.OpenPastDeadline == 1);
        var bySource = await (await asManager.GetAsync($"/api/reports/lead-response?{query}&groupBy=source")).Read<LeadResponseReport>();
        bySource.Rows.Should().ContainSingle().Which.Key.Should().Be("WebForm");

        var all = await (await admin.GetAsync($"/api/reports/lead-response?{query}&groupBy=rep")).Read<LeadResponseReport>();
        all.Rows.Should().Contain(r => r.Key == b1.Id.ToString() && r.Leads == 1 && r.OpenPastDeadline == 1);
        elsewhere.TeamId.Should().Be(teamB.Id);
        never.FirstRespondedAt.Should().BeNull();

        (await ErrorFields(await admin.GetAsync("/api/reports/lead-response?groupBy=weekday"))).Should().Equal("groupBy");
        (await ErrorFields(await admin.GetAsync("/api/reports/lead-response?from=2026-12-01&to=2026-11-01"))).Should().Equal("from");
        (await ErrorFields(await admin.GetAsync("/api/reports/lead-response?from=2024-01-01&to=2026-11-01"))).Should().Equal("to");
        var asRep = await app.ClientFor(a1.Email);
        await (await asRep.GetAsync("/api/reports/lead-response")).ShouldBe(403);
    }
}

public sealed class LeadAssignmentApiTestsOnSqlite(SqliteClockedApp app) : LeadAssignmentApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class LeadAssignmentApiTestsOnPostgres(PostgresClockedApp app) : LeadAssignmentApiTests(app), IClassFixture<PostgresClockedApp>;
