using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Leads.Jobs;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// Lead scoring on both providers with a fake clock: the rules API (If-Match, every bad field named), the score with its
/// reasons under record access, the hot notification once per crossing, and the job that writes decayed scores daily
/// and re-scores open leads after a rule change.
/// </summary>
public abstract class LeadScoringApiTests(ClockedKeqingApp app)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private LeadRescoreJob Job => app.Services.GetRequiredService<LeadRescoreJob>();

    /// <summary>Makes these the only scoring rules (rules are company-wide; each test sets its own).</summary>
    private async Task UseRules(params LeadScoringRule[] rules)
    {
        using var scope = app.Services.CreateScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        await db.Set<LeadScoringRule>().ExecuteDeleteAsync();
        db.AddRange(rules);
        await db.SaveChangesAsync();
    }

    private static LeadScoringRule TitleContains(int points, params string[] values) => new()
    {
        Name = "职位", Kind = ScoringRuleKind.Profile, Field = ScoringFields.Title, Operator = ScoringFields.Contains, Values = [.. values], Points = points,
    };

    private static LeadScoringRule Did(LeadActivityKind kind, int points, int? decay) => new()
    {
        Name = kind.ToString(), Kind = ScoringRuleKind.Behaviour, Activity = kind, Points = points, DecayPercentPer30Days = decay,
    };

    /// <summary>A lead made the one way leads are made (CreateLead), with what it did, scored and saved.</summary>
    private async Task<Lead> NewLead(Guid ownerId, string title, params (LeadActivityKind Kind, DateTime At)[] did)
    {
        using var scope = app.Services.CreateScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        var lead = await KeqingApp.Service<CreateLead>(scope).Add(new LeadInput(ApiHelpers.Unique("线索"), "明远医疗", title, null, null, "广东", "深圳",
            "医疗器械", CompanySize.Medium, "91350100M000100Y43", LeadSource.Manual, null, LegalBasis.Contract, null, ownerId), ownerId, null, default);
        await db.SaveChangesAsync();
        if (did.Length > 0) await Record(lead.Id, did);
        return lead;
    }

    /// <summary>Adds activities to a lead and re-scores it in the same unit of work, as the features that record them do.</summary>
    private async Task Record(Guid leadId, params (LeadActivityKind Kind, DateTime At)[] did)
    {
        using var scope = app.Services.CreateScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        var lead = await db.Set<Lead>().SingleAsync(l => l.Id == leadId);
        foreach (var (kind, at) in did) db.Add(new LeadActivity { LeadId = leadId, Kind = kind, OccurredAt = at });
        await KeqingApp.Service<LeadScoring>(scope).Rescore(lead, default);
        await db.SaveChangesAsync();
    }

    private async Task<Lead> Stored(Guid leadId)
    {
        using var scope = app.Services.CreateScope();
        return await KeqingApp.Service<KeqingDb>(scope).Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    private async Task<(HttpClient Rep, UserDto RepUser, HttpClient Manager, HttpClient OtherRep)> NewTeams()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var other = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        return (await app.ClientFor(rep.Email), rep, await app.ClientFor(manager.Email), await app.ClientFor(other.Email));
    }

    private static HttpRequestMessage WithEtag(HttpMethod method, string path, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiHelpers.Json);
        if (etag is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        await response.ShouldBe(400);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task Rules_are_kept_under_if_match_and_every_bad_field_is_named()
    {
        await UseRules();
        var admin = await app.AdminClient();
        (await ErrorFields(await admin.PostAsJsonAsync("/api/lead-scoring-rules", new
        {
            name = "", kind = "profile", field = "salary", @operator = "like", points = 0, activity = "replied", decayPercentPer30Days = 10,
        }))).Should().Equal("activity", "decayPercentPer30Days", "field", "name", "operator", "points");
        (await ErrorFields(await admin.PostAsJsonAsync("/api/lead-scoring-rules", new
        {
            name = "回复", kind = "behaviour", field = "title", points = -5, activity = "call", decayPercentPer30Days = 0,
        }))).Should().Equal("activity", "decayPercentPer30Days", "field", "points");
        (await ErrorFields(await admin.PostAsJsonAsync("/api/lead-scoring-rules", new
        {
            name = "规模", kind = "profile", field = "companySize", @operator = "contains", values = new[] { "huge" }, points = 5,
        }))).Should().Equal("operator", "values");
        (await ErrorFields(await admin.PostAsJsonAsync("/api/lead-scoring-rules", new { name = "空" }))).Should().Equal("kind");

        var created = await admin.PostAsJsonAsync("/api/lead-scoring-rules", new
        {
            name = "采购决策人", kind = "profile", field = "title", @operator = "contains", values = new[] { "采购", " 主任 ", "", "采购" }, points = 20,
        });
        await created.ShouldBe(201);
        var rule = await created.Read<LeadScoringRuleDto>();
        rule.Values.Should().Equal("采购", "主任");
        var etag = created.Headers.ETag!.Tag;
        (await (await admin.GetAsync("/api/lead-scoring-rules")).Read<List<LeadScoringRuleDto>>()).Should().ContainSingle(r => r.Id == rule.Id);

        var change = new { name = "采购决策人", kind = "profile", field = "title", @operator = "contains", values = new[] { "采购", "经理" }, points = 25 };
        await (await admin.SendAsync(WithEtag(HttpMethod.Put, $"/api/lead-scoring-rules/{rule.Id}", change, null))).ShouldBe(428);
        await (await admin.SendAsync(WithEtag(HttpMethod.Put, $"/api/lead-scoring-rules/{rule.Id}", change, "\"41\""))).ShouldBe(412);
        var put = await admin.SendAsync(WithEtag(HttpMethod.Put, $"/api/lead-scoring-rules/{rule.Id}", change, etag));
        await put.ShouldBe(200);
        (await put.Read<LeadScoringRuleDto>()).Points.Should().Be(25);
        await (await admin.SendAsync(WithEtag(HttpMethod.Delete, $"/api/lead-scoring-rules/{rule.Id}", null, etag))).ShouldBe(412);
        await (await admin.SendAsync(WithEtag(HttpMethod.Delete, $"/api/lead-scoring-rules/{rule.Id}", null, null))).ShouldBe(428);
        var current = (await admin.GetAsync($"/api/lead-scoring-rules/{rule.Id}")).Headers.ETag!.Tag;
        await (await admin.SendAsync(WithEtag(HttpMethod.Delete, $"/api/lead-scoring-rules/{rule.Id}", null, current))).ShouldBe(204);
        await (await admin.GetAsync($"/api/lead-scoring-rules/{rule.Id}")).ShouldBe(404);

        var (rep, _, manager, _) = await NewTeams();
        await (await rep.GetAsync("/api/lead-scoring-rules")).ShouldBe(403);
        await (await manager.GetAsync("/api/lead-scoring-rules")).ShouldBe(200);
    }

    [Fact]
    public async Task The_score_shows_every_reason_to_whoever_sees_the_lead()
    {
        var rules = ScoringDemoRules.Rules(Now).ToArray();
        await UseRules(rules);
        var (rep, repUser, manager, otherRep) = await NewTeams();
        var lead = await NewLead(repUser.Id, "设备科主任", (LeadActivityKind.FormSubmitted, Now.AddDays(-45)));

        var response = await rep.GetAsync($"/api/leads/{lead.Id}/score");
        await response.ShouldBe(200);
        var score = await response.Read<LeadScoreDto>();
        score.Total.Should().Be(50);
        score.HotScore.Should().Be(60);
        score.Hot.Should().BeFalse();
        score.Reasons.Select(r => (r.RuleId, r.Points)).Should().Equal(
            (rules[0].Id, 20), (rules[1].Id, 15), (rules[2].Id, 10), (rules[3].Id, 5));
        score.Reasons[0].Text.Should().StartWith("+20 ").And.Contain("主任");
        score.Reasons[3].Text.Should().Contain("50%");
        (await Stored(lead.Id)).Score.Should().Be(50);

        await (await manager.GetAsync($"/api/leads/{lead.Id}/score")).ShouldBe(200);
        await (await (await app.AdminClient()).GetAsync($"/api/leads/{lead.Id}/score")).ShouldBe(200);
        await (await otherRep.GetAsync($"/api/leads/{lead.Id}/score")).ShouldBe(404);
        await (await rep.GetAsync($"/api/leads/{Guid.NewGuid()}/score")).ShouldBe(404);
        var agent = await (await app.AdminClient()).CreateUser(Roles.ServiceAgent);
        await (await (await app.ClientFor(agent.Email)).GetAsync($"/api/leads/{lead.Id}/score")).ShouldBe(403);
    }

    [Fact]
    public async Task A_lead_crossing_the_hot_threshold_tells_its_owner_once_per_crossing()
    {
        await UseRules(TitleContains(20, "采购"), Did(LeadActivityKind.Replied, 50, 100));
        var (_, repUser, _, _) = await NewTeams();
        var lead = await NewLead(repUser.Id, "采购经理");
        (await Stored(lead.Id)).Score.Should().Be(20);

        async Task<int> Notices()
        {
            var inbox = await (await app.ClientFor(repUser.Email)).GetStringAsync("/api/notifications?limit=200");
            return System.Text.RegularExpressions.Regex.Count(inbox, lead.Name);
        }

        (await Notices()).Should().Be(0);
        await Record(lead.Id, (LeadActivityKind.Replied, Now));
        var hot = await Stored(lead.Id);
        hot.Score.Should().Be(70);
        hot.HotNotifiedAt.Should().Be(Now);
        (await Notices()).Should().Be(1);
        await Record(lead.Id);
        (await Notices()).Should().Be(1, "still hot: no second notice");

        app.Clock.Advance(TimeSpan.FromDays(31));
        (await Job.RunDueAsync(default)).Should().BeGreaterThanOrEqualTo(1);
        var cooled = await Stored(lead.Id);
        cooled.Score.Should().Be(20, "the reply's points decayed away");
        cooled.HotNotifiedAt.Should().BeNull();

        await Record(lead.Id, (LeadActivityKind.Replied, Now));
        (await Stored(lead.Id)).Score.Should().Be(70);
        (await Notices()).Should().Be(2, "crossing again tells the owner again");
    }

    [Fact]
    public async Task Decay_lowers_scores_without_writes_and_the_job_stores_them_daily_and_after_a_rule_change()
    {
        await UseRules(Did(LeadActivityKind.FormSubmitted, 10, 50));
        var (rep, repUser, _, _) = await NewTeams();
        var lead = await NewLead(repUser.Id, "工程师", (LeadActivityKind.FormSubmitted, Now));
        var closed = await NewLead(repUser.Id, "采购主管", (LeadActivityKind.FormSubmitted, Now));
        using (var scope = app.Services.CreateScope())
            await KeqingApp.Service<KeqingDb>(scope).Set<Lead>().Where(l => l.Id == closed.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.Disqualified));
        var version = (await Stored(lead.Id)).Version;
        (await Stored(lead.Id)).Score.Should().Be(10);

        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        rep = await app.ClientFor(repUser.Email);
        (await (await rep.GetAsync($"/api/leads/{lead.Id}/score")).Read<LeadScoreDto>()).Total.Should().Be(5, "read now, decayed");
        (await Stored(lead.Id)).Score.Should().Be(10, "reading writes nothing");

        (await Job.RunDueAsync(default)).Should().BeGreaterThanOrEqualTo(1);
        var stored = await Stored(lead.Id);
        stored.Score.Should().Be(5);
        stored.Version.Should().Be(version, "a re-score is not an edit: a rep's pending change stays valid");
        (await Stored(closed.Id)).Score.Should().Be(10, "a disqualified lead is no longer re-scored");
        await Job.RunDueAsync(default);
        (await Stored(lead.Id)).ScoredAt.Should().Be(stored.ScoredAt, "scored today already");

        var admin = await app.AdminClient();
        await (await admin.PostAsJsonAsync("/api/lead-scoring-rules", new
        {
            name = "工程师", kind = "profile", field = "title", @operator = "contains", values = new[] { "工程师" }, points = 30,
        })).ShouldBe(201);
        (await Job.RunDueAsync(default)).Should().BeGreaterThanOrEqualTo(1);
        (await Stored(lead.Id)).Score.Should().Be(35, "the new rule applies to open leads without anyone touching them");
        (await Stored(closed.Id)).Score.Should().Be(10);
    }
}

public sealed class LeadScoringApiTestsOnSqlite(SqliteClockedApp app) : LeadScoringApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class LeadScoringApiTestsOnPostgres(PostgresClockedApp app) : LeadScoringApiTests(app), IClassFixture<PostgresClockedApp>;
