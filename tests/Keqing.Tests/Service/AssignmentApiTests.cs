using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Service;

/// <summary>
/// Assignment through the API on both providers (DOMAIN V3): the skill list and agents' profiles, assignment on creation
/// by skill (a product line, met by the category or one above it), load and the longest wait, away and full agents, the
/// team queue with its take race, and capacity when cases are opened at once.
/// </summary>
public abstract class AssignmentApiTests(ServiceApp app)
{
    private sealed record Desk(HttpClient Admin, Guid TeamId, HttpClient Dispatcher, UserDto DispatcherUser);

    /// <summary>A team with auto-assignment on and a front-desk agent (capacity 0, so never picked) who opens the cases.</summary>
    private async Task<Desk> TeamWithAutoAssignment()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var dispatcher = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{dispatcher.Id}", new { capacity = 0 }, ApiHelpers.Json)).ShouldBe(200);
        var on = await admin.PutAsJsonAsync($"/api/skills/teams/{team.Id}", new { autoAssign = true }, ApiHelpers.Json);
        await on.ShouldBe(200);
        (await on.Read<TeamAssignmentDto>()).AutoAssign.Should().BeTrue();
        return new Desk(admin, team.Id, await app.ClientFor(dispatcher.Email), dispatcher);
    }

    private static async Task<SkillDto> NewSkill(HttpClient admin, SkillKind kind, string value)
    {
        var response = await admin.PostAsJsonAsync("/api/skills", new { kind, value }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<SkillDto>();
    }

    private static async Task<AgentProfileDto> SetAgent(HttpClient admin, Guid userId, object body)
    {
        var response = await admin.PutAsJsonAsync($"/api/skills/agents/{userId}", body, ApiHelpers.Json);
        await response.ShouldBe(200);
        return await response.Read<AgentProfileDto>();
    }

    private static async Task<CaseDto> Open(HttpClient client, Guid customerId, Guid? productId = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { customerId, subject = ApiHelpers.Unique("监护仪报警"), type = "repair", productId, channel = "phone" }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<CaseDto>();
    }

    private static async Task<Page<QueuedCaseDto>> Queue(HttpClient client, Guid teamId, string query = "")
    {
        var response = await client.GetAsync($"/api/queues/{teamId}{query}");
        await response.ShouldBe(200);
        return await response.Read<Page<QueuedCaseDto>>();
    }

    [Fact]
    public async Task The_skill_list_and_agents_profiles_are_the_admins_and_each_agent_reads_their_own()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var agentUser = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var agent = await app.ClientFor(agentUser.Email);
        var category = await admin.NewCategory(ApiHelpers.Unique("超声"));

        var bad = await admin.PostAsJsonAsync("/api/skills", new { value = "" }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"kind\"").And.Contain("\"value\"");
        var notACategory = await admin.PostAsJsonAsync("/api/skills", new { kind = "productLine", value = Guid.NewGuid() }, ApiHelpers.Json);
        await notACategory.ShouldBe(400);
        (await notACategory.Content.ReadAsStringAsync()).Should().Contain("\"value\"");

        var line = await NewSkill(admin, SkillKind.ProductLine, category.Id.ToString());
        line.Label.Should().Be(category.Name);
        var cantonese = await NewSkill(admin, SkillKind.Language, ApiHelpers.Unique("粤语"));
        await (await admin.PostAsJsonAsync("/api/skills", new { kind = "language", value = cantonese.Value }, ApiHelpers.Json)).ShouldBe(409);
        await (await agent.GetAsync("/api/skills")).ShouldBe(403);
        await (await agent.PostAsJsonAsync("/api/skills", new { kind = "region", value = "浙江" }, ApiHelpers.Json)).ShouldBe(403);
        await (await agent.PutAsJsonAsync($"/api/skills/agents/{agentUser.Id}", new { capacity = 99 }, ApiHelpers.Json)).ShouldBe(403);

        var badProfile = await admin.PutAsJsonAsync($"/api/skills/agents/{agentUser.Id}", new { capacity = -1, skillIds = new[] { Guid.NewGuid() } }, ApiHelpers.Json);
        await badProfile.ShouldBe(400);
        (await badProfile.Content.ReadAsStringAsync()).Should().Contain("\"capacity\"").And.Contain("\"skillIds\"");
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{Guid.NewGuid()}", new { capacity = 1 }, ApiHelpers.Json)).ShouldBe(404);

        var profile = await SetAgent(admin, agentUser.Id, new { capacity = 4, skillIds = new[] { line.Id, cantonese.Id } });
        (profile.Capacity, profile.Available, profile.OpenCases).Should().Be((4, true, 0));
        profile.Skills.Select(s => s.Id).Should().BeEquivalentTo([line.Id, cantonese.Id]);
        (await (await admin.GetAsync("/api/skills/agents")).Read<List<AgentProfileDto>>()).Should().Contain(a => a.UserId == agentUser.Id && a.Capacity == 4);
        (await (await admin.GetAsync("/api/skills")).Read<List<SkillDto>>()).Should().Contain(s => s.Id == line.Id && s.Holders == 1);

        var mine = await (await agent.GetAsync("/api/skills/me")).Read<AgentProfileDto>();
        (mine.UserId, mine.Capacity, mine.Skills.Count).Should().Be((agentUser.Id, 4, 2));
        await (await agent.PutAsJsonAsync("/api/skills/me/availability", new { }, ApiHelpers.Json)).ShouldBe(400);
        var away = await agent.PutAsJsonAsync("/api/skills/me/availability", new { available = false }, ApiHelpers.Json);
        await away.ShouldBe(200);
        (await away.Read<AgentProfileDto>()).Available.Should().BeFalse();

        await (await admin.DeleteAsync($"/api/skills/{cantonese.Id}")).ShouldBe(204);
        await (await admin.DeleteAsync($"/api/skills/{cantonese.Id}")).ShouldBe(404);
        (await (await agent.GetAsync("/api/skills/me")).Read<AgentProfileDto>()).Skills.Should().ContainSingle(s => s.Id == line.Id);
        (await (await admin.GetAsync("/api/skills/teams")).Read<List<TeamAssignmentDto>>()).Should().Contain(t => t.TeamId == team.Id && !t.AutoAssign);
    }

    [Fact]
    public async Task A_new_case_goes_to_the_least_loaded_available_agent_with_the_product_line_or_else_to_the_queue()
    {
        var d = await TeamWithAutoAssignment();
        var ultrasound = await d.Admin.NewCategory(ApiHelpers.Unique("超声"));
        var probes = await d.Admin.NewCategory(ApiHelpers.Unique("探头"), ultrasound.Id);
        var probe = await d.Admin.NewProduct(categoryId: probes.Id);
        var line = await NewSkill(d.Admin, SkillKind.ProductLine, ultrasound.Id.ToString());
        var customer = await d.Admin.NewCustomer();

        var wang = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId);
        var li = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId);
        var zhao = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId); // no skill
        await SetAgent(d.Admin, wang.Id, new { skillIds = new[] { line.Id } });
        await SetAgent(d.Admin, li.Id, new { skillIds = new[] { line.Id } });
        var skilled = new[] { wang.Id, li.Id };

        // A probe (a sub-category of ultrasound) needs the ultrasound line: wang and li take turns, zhao never gets one.
        var first = await Open(d.Dispatcher, customer.Id, probe.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Open(d.Dispatcher, customer.Id, probe.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        skilled.Should().Contain(first.OwnerId);
        second.OwnerId.Should().Be(skilled.Single(id => id != first.OwnerId), "the other one has fewer open cases");
        var third = await Open(d.Dispatcher, customer.Id, probe.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        third.OwnerId.Should().Be(first.OwnerId, "both have one open case; the first's last assignment is the longer ago");
        third.TeamId.Should().Be(d.TeamId);

        // A case without a product needs no skill: the least loaded is zhao.
        (await Open(d.Dispatcher, customer.Id)).OwnerId.Should().Be(zhao.Id);

        // Away agents and full agents are passed over; nobody fits: the case waits in the queue, still the dispatcher's.
        var wangClient = await app.ClientFor(wang.Email);
        await (await wangClient.PutAsJsonAsync("/api/skills/me/availability", new { available = false }, ApiHelpers.Json)).ShouldBe(200);
        (await Open(d.Dispatcher, customer.Id, probe.Id)).OwnerId.Should().Be(li.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var liProfile = (await (await d.Admin.GetAsync("/api/skills/agents")).Read<List<AgentProfileDto>>()).Single(a => a.UserId == li.Id);
        await SetAgent(d.Admin, li.Id, new { capacity = liProfile.OpenCases });
        var waiting = await Open(d.Dispatcher, customer.Id, probe.Id);
        waiting.OwnerId.Should().Be(d.DispatcherUser.Id);
        (await Queue(d.Dispatcher, d.TeamId)).Items.Select(x => x.CaseId).Should().Equal(waiting.Id);

        // A case an admin gives to someone when opening it keeps that owner; a team without auto-assignment is untouched.
        var given = await d.Admin.PostAsJsonAsync("/api/cases", new { customerId = customer.Id, subject = "指定处理人", productId = probe.Id, ownerId = zhao.Id }, ApiHelpers.Json);
        await given.ShouldBe(201);
        (await given.Read<CaseDto>()).OwnerId.Should().Be(zhao.Id);
        var plain = await d.Admin.CreateTeam();
        var plainUser = await d.Admin.CreateUser(Roles.ServiceAgent, plain.Id);
        var own = await Open(await app.ClientFor(plainUser.Email), customer.Id, probe.Id);
        own.OwnerId.Should().Be(plainUser.Id);
        (await Queue(d.Admin, plain.Id)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Agents_take_from_their_teams_queue_oldest_first_and_the_slower_of_two_gets_409()
    {
        var d = await TeamWithAutoAssignment();
        var customer = await d.Admin.NewCustomer();
        // Nobody but the dispatcher (capacity 0) is in the team yet: every case waits.
        var oldest = await Open(d.Dispatcher, customer.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var middle = await Open(d.Dispatcher, customer.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await Open(d.Dispatcher, customer.Id);

        var a = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId);
        var b = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId);
        var outsider = await d.Admin.CreateUser(Roles.ServiceAgent, (await d.Admin.CreateTeam()).Id);
        var (aClient, bClient, outsiderClient) = (await app.ClientFor(a.Email), await app.ClientFor(b.Email), await app.ClientFor(outsider.Email));

        var firstPage = await Queue(aClient, d.TeamId, "?limit=2");
        firstPage.Items.Select(x => x.CaseId).Should().Equal(oldest.Id, middle.Id);
        firstPage.Items[0].CustomerName.Should().Be(customer.Name);
        (await Queue(aClient, d.TeamId, $"?limit=2&after={firstPage.Next}")).Items.Select(x => x.CaseId).Should().Equal(newest.Id);
        await (await outsiderClient.GetAsync($"/api/queues/{d.TeamId}")).ShouldBe(404);
        await (await outsiderClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { }, ApiHelpers.Json)).ShouldBe(404);
        await (await aClient.GetAsync($"/api/queues/{Guid.NewGuid()}")).ShouldBe(404);

        // The next one is the oldest.
        var next = await aClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { }, ApiHelpers.Json);
        await next.ShouldBe(200);
        (await next.Read<CaseDto>()).Should().Match<CaseDto>(c => c.Id == oldest.Id && c.OwnerId == a.Id);

        // Both take the middle one at once: one gets it, the other a 409.
        var race = await Task.WhenAll(
            aClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { caseId = middle.Id }, ApiHelpers.Json),
            bClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { caseId = middle.Id }, ApiHelpers.Json));
        race.Select(r => (int)r.StatusCode).Should().BeEquivalentTo([200, 409]);
        var winner = race[0].IsSuccessStatusCode ? a.Id : b.Id;
        (await d.Admin.Case(middle.Id)).OwnerId.Should().Be(winner);
        await (await aClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { caseId = Guid.NewGuid() }, ApiHelpers.Json)).ShouldBe(404);

        // A case given to someone through assign leaves the queue too; then the queue is empty: 204.
        await (await d.Admin.Act(newest.Id, "assign", new { ownerId = b.Id })).ShouldBe(200);
        (await Queue(aClient, d.TeamId)).Items.Should().BeEmpty();
        await (await bClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { }, ApiHelpers.Json)).ShouldBe(204);
        await (await bClient.PostAsJsonAsync($"/api/queues/{d.TeamId}/take", new { caseId = newest.Id }, ApiHelpers.Json)).ShouldBe(409);
    }

    [Fact]
    public async Task Cases_opened_at_once_never_take_an_agent_past_their_capacity()
    {
        var d = await TeamWithAutoAssignment();
        var customer = await d.Admin.NewCustomer();
        var only = await d.Admin.CreateUser(Roles.ServiceAgent, d.TeamId);
        await SetAgent(d.Admin, only.Id, new { capacity = 3 });

        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Open(d.Dispatcher, customer.Id)));

        opened.Count(c => c.OwnerId == only.Id).Should().Be(3);
        (await Queue(d.Dispatcher, d.TeamId)).Items.Select(x => x.CaseId).Should().BeEquivalentTo(opened.Where(c => c.OwnerId != only.Id).Select(c => c.Id));
        (await (await d.Admin.GetAsync("/api/skills/agents")).Read<List<AgentProfileDto>>()).Single(a => a.UserId == only.Id).OpenCases.Should().Be(3);
    }
}

public sealed class AssignmentApiTestsOnSqlite(SqliteServiceApp app) : AssignmentApiTests(app), IClassFixture<SqliteServiceApp>;
public sealed class AssignmentApiTestsOnPostgres(PostgresServiceApp app) : AssignmentApiTests(app), IClassFixture<PostgresServiceApp>;
