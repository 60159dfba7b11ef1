using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Service;

/// <summary>
/// Assignment on creation by region and language (issue 16 item 4), through the API on both providers: in a team that
/// routes by them, a case goes to the least-loaded available agent holding the customer's region (its province or city,
/// written with or without 省/市) and the case's language when it is not the default one; nobody holding every needed
/// skill: the team queue. An agent sets a case's language; a bad one is a field error.
/// </summary>
public abstract class RegionLanguageAssignmentTests(ServiceApp app)
{
    private static async Task<SkillDto> NewSkill(HttpClient admin, SkillKind kind, string value)
    {
        var response = await admin.PostAsJsonAsync("/api/skills", new { kind, value }, ApiHelpers.Json);
        if ((int)response.StatusCode == 409) // on the list already (skills are the whole organisation's)
            return (await (await admin.GetAsync("/api/skills")).Read<List<SkillDto>>()).Single(s => s.Kind == kind && s.Value == value);
        await response.ShouldBe(201);
        return await response.Read<SkillDto>();
    }

    private static async Task SetSkills(HttpClient admin, Guid userId, params SkillDto[] skills) =>
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{userId}", new { skillIds = skills.Select(s => s.Id) }, ApiHelpers.Json)).ShouldBe(200);

    private static async Task<Guid> Customer(HttpClient admin, string? province, string? city)
    {
        var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("医院"), province, city }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return (await response.Read<CustomerDto>()).Id;
    }

    private async Task<CaseDto> Open(HttpClient client, Guid customerId, string? language = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { customerId, subject = ApiHelpers.Unique("设备报修"), channel = "phone", language }, ApiHelpers.Json);
        await response.ShouldBe(201);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await response.Read<CaseDto>();
    }

    [Fact]
    public async Task A_case_goes_to_an_agent_holding_the_customers_region_and_its_language_or_else_to_the_queue()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var dispatcher = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{dispatcher.Id}", new { capacity = 0 }, ApiHelpers.Json)).ShouldBe(200);
        await (await admin.PutAsJsonAsync($"/api/skills/teams/{team.Id}", new { autoAssign = true }, ApiHelpers.Json)).ShouldBe(200);
        var desk = await app.ClientFor(dispatcher.Email);

        // Unique region names, so this organisation's other tests do not hold them.
        var (zj, js, sh) = (ApiHelpers.Unique("浙"), ApiHelpers.Unique("苏"), ApiHelpers.Unique("沪"));
        var zhejiang = await NewSkill(admin, SkillKind.Region, zj);
        var jiangsu = await NewSkill(admin, SkillKind.Region, js + "省");
        var english = await NewSkill(admin, SkillKind.Language, "English");
        var zhe = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var su = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var lin = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        await SetSkills(admin, zhe.Id, zhejiang);
        await SetSkills(admin, su.Id, jiangsu);
        await SetSkills(admin, lin.Id, zhejiang, english);

        var inZhejiang = await Customer(admin, zj + "省", "杭州市");
        var inJiangsu = await Customer(admin, null, js); // only the city is stored, and names the region
        var inShanghai = await Customer(admin, sh + "市", null);
        var nowhere = await Customer(admin, null, null);

        // English from Zhejiang: only lin holds both. Chinese (the default) from Zhejiang: zhe, who has fewer open cases.
        var english1 = await Open(desk, inZhejiang, "en-US");
        english1.OwnerId.Should().Be(lin.Id);
        english1.Language.Should().Be("en-US");
        (await Open(desk, inZhejiang)).OwnerId.Should().Be(zhe.Id);
        (await Open(desk, inZhejiang, "zh-CN")).OwnerId.Should().Be(lin.Id, "lin and zhe have one open case each; lin's last assignment is the longer ago");
        (await Open(desk, inJiangsu)).OwnerId.Should().Be(su.Id);

        // Nobody holds Shanghai, nobody holds Jiangsu and English: the team queue (the case stays the dispatcher's).
        var shanghai = await Open(desk, inShanghai);
        shanghai.OwnerId.Should().Be(dispatcher.Id);
        var jiangsuInEnglish = await Open(desk, inJiangsu, "en");
        jiangsuInEnglish.OwnerId.Should().Be(dispatcher.Id);
        (await (await desk.GetAsync($"/api/queues/{team.Id}")).Read<Page<QueuedCaseDto>>()).Items.Select(q => q.CaseId)
            .Should().Equal(shanghai.Id, jiangsuInEnglish.Id);

        // A customer without a province or city needs no region: of the least loaded (zhe and su, one case each), zhe waited longer.
        (await Open(desk, nowhere)).OwnerId.Should().Be(zhe.Id);
    }

    [Fact]
    public async Task An_agent_sets_a_cases_language_and_a_bad_one_is_a_field_error_in_the_callers_language()
    {
        var admin = await app.AdminClient();
        var agentUser = await admin.CreateUser(Roles.ServiceAgent, (await admin.CreateTeam()).Id);
        var agent = await app.ClientFor(agentUser.Email);
        var customer = await Customer(admin, "广东省", "广州市");
        var bad = await agent.PostAsJsonAsync("/api/cases", new { customerId = customer, subject = "语言", language = "粤 语" }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"language\"");

        var opened = await agent.NewCase(customer);
        opened.Language.Should().BeNull();
        var set = await agent.PutCase(opened.Id, opened.Version, new { subject = opened.Subject, language = "yue" });
        await set.ShouldBe(200);
        var changed = await set.Read<CaseDto>();
        changed.Language.Should().Be("yue");
        var kept = await agent.PutCase(opened.Id, changed.Version, new { subject = "仍是粤语" });
        await kept.ShouldBe(200);
        (await kept.Read<CaseDto>()).Language.Should().Be("yue", "a change that does not name the language keeps it");

        agent.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var current = await agent.Case(opened.Id);
        var zh = await agent.PutCase(opened.Id, current.Version, new { subject = current.Subject, language = "<script>" });
        await zh.ShouldBe(400);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("语言标记");
    }
}

public sealed class RegionLanguageAssignmentTestsOnSqlite(SqliteServiceApp app) : RegionLanguageAssignmentTests(app), IClassFixture<SqliteServiceApp>;
public sealed class RegionLanguageAssignmentTestsOnPostgres(PostgresServiceApp app) : RegionLanguageAssignmentTests(app), IClassFixture<PostgresServiceApp>;
