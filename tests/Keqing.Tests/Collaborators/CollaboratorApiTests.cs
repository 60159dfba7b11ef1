using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Products;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Collaborators;

/// <summary>
/// Collaborators (团队成员, DOMAIN C2; ADR 0090) on customers, leads, opportunities, quotes and cases through
/// <c>/api/{records}/{id}/collaborators</c>, on both providers: a collaborator sees the record until their end date
/// (the fake clock passes it; no job runs), edits it only with write access, a team collaborator's whole team sees it,
/// others get 404; only the owner, their manager or an admin change collaborators; the owner sees what they record.
/// </summary>
public abstract class CollaboratorApiTests(ClockedKeqingApp app)
{
    private sealed record People(HttpClient Admin, HttpClient Owner, UserDto OwnerUser, HttpClient Manager, HttpClient Colleague, UserDto ColleagueUser,
        HttpClient ColleagueMate, HttpClient Stranger, TeamDto OtherTeam);

    /// <summary>An owner in team A with its manager; a colleague and their teammate in team B; a stranger in team C.</summary>
    private async Task<People> Staff(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(role == Roles.ServiceAgent ? Roles.ServiceManager : Roles.SalesManager);
        var teamA = await admin.CreateTeam(managerId: managerUser.Id);
        var teamB = await admin.CreateTeam();
        var teamC = await admin.CreateTeam();
        var owner = await admin.CreateUser(role, teamA.Id);
        var colleague = await admin.CreateUser(role, teamB.Id);
        var mate = await admin.CreateUser(role, teamB.Id);
        var stranger = await admin.CreateUser(role, teamC.Id);
        return new People(admin, await app.ClientFor(owner.Email), owner, await app.ClientFor(managerUser.Email), await app.ClientFor(colleague.Email), colleague,
            await app.ClientFor(mate.Email), await app.ClientFor(stranger.Email), teamB);
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<CollaboratorDto> Add(HttpClient client, string records, Guid id, object body, int status = 201)
    {
        var response = await client.PostAsJsonAsync($"/api/{records}/{id}/collaborators", body, Json);
        await response.ShouldBe(status);
        return await response.Read<CollaboratorDto>();
    }

    private static async Task<CollaboratorList> List(HttpClient client, string records, Guid id)
    {
        var response = await client.GetAsync($"/api/{records}/{id}/collaborators");
        await response.ShouldBe(200);
        return await response.Read<CollaboratorList>();
    }

    private static async Task<int> Status(Task<HttpResponseMessage> request) => (int)(await request).StatusCode;

    [Fact]
    public async Task A_read_collaborator_sees_a_lead_a_write_collaborator_works_it_and_access_ends_on_its_date_without_a_job()
    {
        var p = await Staff();
        var lead = await (await p.Owner.PostAsJsonAsync("/api/leads", new { name = Unique("协作线索") }, Json)).Read<LeadRef>();
        await (await p.Colleague.GetAsync($"/api/leads/{lead.Id}")).ShouldBe(404);

        var added = await Add(p.Owner, "leads", lead.Id, new { userId = p.ColleagueUser.Id, access = "read", until = Now.AddHours(2) });
        (added.UserId, added.Access, added.Active, added.Name).Should().Be((p.ColleagueUser.Id, "read", true, p.ColleagueUser.DisplayName));
        await (await p.Colleague.GetAsync($"/api/leads/{lead.Id}")).ShouldBe(200);
        (await p.Colleague.GetStringAsync("/api/leads")).Should().Contain(lead.Id.ToString(), "the list shows the leads shared with me");
        await (await p.Colleague.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "note", text = "只读" }, Json)).ShouldBe(403);
        await (await p.ColleagueMate.GetAsync($"/api/leads/{lead.Id}")).ShouldBe(404); // a user collaborator's teammates do not share in it

        // The same colleague again: that collaborator, now with write access (200, not a second one).
        var changed = await Add(p.Owner, "leads", lead.Id, new { userId = p.ColleagueUser.Id, access = "write", until = Now.AddHours(2) }, 200);
        changed.Id.Should().Be(added.Id);
        await (await p.Colleague.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "call", text = "协作同事打了电话" }, Json)).ShouldBe(201);
        (await p.Owner.GetStringAsync($"/api/leads/{lead.Id}/activities")).Should().Contain("协作同事打了电话", "the owner sees what collaborators record");

        // A collaborator, even one who may edit, does not pass the record on or take others off it.
        await (await p.Colleague.PostAsJsonAsync($"/api/leads/{lead.Id}/collaborators", new { teamId = p.OtherTeam.Id }, Json)).ShouldBe(403);
        await (await p.Colleague.DeleteAsync($"/api/leads/{lead.Id}/collaborators/{added.Id}")).ShouldBe(403);
        (await List(p.Colleague, "leads", lead.Id)).CanManage.Should().BeFalse();
        (await List(p.Owner, "leads", lead.Id)).CanManage.Should().BeTrue();

        app.Clock.Advance(TimeSpan.FromHours(3));
        await (await p.Colleague.GetAsync($"/api/leads/{lead.Id}")).ShouldBe(404); // the end date ended access, no job ran
        (await p.Colleague.GetStringAsync("/api/leads")).Should().NotContain(lead.Id.ToString());
        await (await p.Colleague.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "note", text = "晚了" }, Json)).ShouldBe(404);
        var after = await List(p.Owner, "leads", lead.Id);
        after.Items.Should().ContainSingle().Which.Active.Should().BeFalse("the owner still sees who worked on it, as ended");
        (await p.Owner.GetStringAsync($"/api/leads/{lead.Id}/activities")).Should().Contain("协作同事打了电话", "what they recorded stays");
    }

    [Fact]
    public async Task A_team_collaborator_opens_an_opportunity_to_the_whole_team_and_write_access_lets_them_change_it()
    {
        var p = await Staff();
        var pipeline = await p.Admin.NewPipeline(("初步接触", 10, null), ("方案报价", 50, null));
        var customer = await p.Owner.NewCustomer();
        var deal = await p.Owner.NewOpportunity(customer.Id, pipeline.Id, 120_000m);
        foreach (var c in new[] { p.Colleague, p.ColleagueMate, p.Stranger }) await (await c.GetAsync($"/api/opportunities/{deal.Id}")).ShouldBe(404);

        var team = await Add(p.Owner, "opportunities", deal.Id, new { teamId = p.OtherTeam.Id });
        (team.TeamId, team.UserId, team.Access, team.Until, team.Name).Should().Be((p.OtherTeam.Id, (Guid?)null, "read", (DateTime?)null, p.OtherTeam.Name));
        foreach (var c in new[] { p.Colleague, p.ColleagueMate })
        {
            (await c.Get(deal.Id)).CanWrite.Should().BeFalse();
            await (await c.Move(deal.Id, pipeline.Stages[1].Id)).ShouldBe(403);
            (await c.GetStringAsync("/api/opportunities")).Should().Contain(deal.Id.ToString());
        }
        await (await p.Stranger.GetAsync($"/api/opportunities/{deal.Id}")).ShouldBe(404);
        await (await p.Stranger.GetAsync($"/api/opportunities/{deal.Id}/collaborators")).ShouldBe(404);

        // The owner's manager changes the team to write access; a member then moves the deal.
        await Add(p.Manager, "opportunities", deal.Id, new { teamId = p.OtherTeam.Id, access = "write" }, 200);
        (await p.ColleagueMate.Get(deal.Id)).CanWrite.Should().BeTrue();
        await (await p.ColleagueMate.Move(deal.Id, pipeline.Stages[1].Id)).ShouldBe(200);
        (await p.Owner.Get(deal.Id)).StageId.Should().Be(pipeline.Stages[1].Id);

        await (await p.Owner.DeleteAsync($"/api/opportunities/{deal.Id}/collaborators/{team.Id}")).ShouldBe(204);
        await (await p.Colleague.GetAsync($"/api/opportunities/{deal.Id}")).ShouldBe(404); // taken off, the team no longer sees it
        (await List(p.Owner, "opportunities", deal.Id)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Collaborators_on_a_quote_and_a_case_see_or_work_them_as_their_access_says()
    {
        var sales = await Staff();
        var customer = await sales.Owner.NewCustomer();
        var product = await sales.Admin.NewProduct(listPrice: 1000m);
        var quote = await (await sales.Owner.PostAsJsonAsync("/api/quotes", new
        {
            customerId = customer.Id, title = "彩超报价", lines = new[] { new { productId = product.Id, quantity = 1 } },
        }, Json)).Read<QuoteDto>();
        await (await sales.Colleague.GetAsync($"/api/quotes/{quote.Id}")).ShouldBe(404);
        await Add(sales.Owner, "quotes", quote.Id, new { userId = sales.ColleagueUser.Id, access = "write", until = Now.AddDays(1) });
        var seen = await sales.Colleague.GetAsync($"/api/quotes/{quote.Id}");
        await seen.ShouldBe(200);
        (await seen.Read<QuoteDto>()).CanWrite.Should().BeTrue();
        await (await sales.Stranger.GetAsync($"/api/quotes/{quote.Id}")).ShouldBe(404);

        var service = await Staff(Roles.ServiceAgent);
        var caseCustomer = await service.Admin.NewCustomer();
        var @case = await service.Owner.NewCase(caseCustomer.Id);
        await (await service.Colleague.GetAsync($"/api/cases/{@case.Id}")).ShouldBe(404); // another team's agent does not see it
        var reader = await Add(service.Owner, "cases", @case.Id, new { userId = service.ColleagueUser.Id, access = "read" });
        await (await service.Colleague.GetAsync($"/api/cases/{@case.Id}")).ShouldBe(200);
        await (await service.Colleague.Act(@case.Id, "reply", new { body = "只读同事的回复" })).ShouldBe(403);
        await Add(service.Owner, "cases", @case.Id, new { userId = service.ColleagueUser.Id, access = "write" }, 200);
        await (await service.Colleague.Act(@case.Id, "reply", new { body = "协作同事回复客户" })).ShouldBe(200);
        (await service.Owner.Case(@case.Id)).Should().NotBeNull();
        (await List(service.Owner, "cases", @case.Id)).Items.Should().ContainSingle(c => c.Id == reader.Id && c.Access == "write");
    }

    [Fact]
    public async Task A_customers_shares_are_its_collaborators_and_bad_requests_get_field_errors_in_the_callers_language()
    {
        var p = await Staff();
        var customer = await p.Owner.NewCustomer();
        // A share made the old way is one of the customer's collaborators, and the other way round.
        var share = await p.Owner.PostAsJsonAsync($"/api/customers/{customer.Id}/shares", new { userId = p.ColleagueUser.Id, canWrite = true }, Json);
        await share.ShouldBe(201);
        var listed = await List(p.Owner, "customers", customer.Id);
        listed.Items.Should().ContainSingle().Which.Should().Match<CollaboratorDto>(c => c.UserId == p.ColleagueUser.Id && c.Access == "write" && c.Active);
        await Add(p.Owner, "customers", customer.Id, new { teamId = p.OtherTeam.Id, access = "read" });
        (await (await p.Owner.GetAsync($"/api/customers/{customer.Id}/shares")).Read<List<ShareDto>>()).Should().HaveCount(2);
        await (await p.ColleagueMate.GetAsync($"/api/customers/{customer.Id}")).ShouldBe(200); // the team collaborator's members see the customer
        await (await p.Stranger.GetAsync($"/api/customers/{customer.Id}/collaborators")).ShouldBe(404);

        var url = $"/api/customers/{customer.Id}/collaborators";
        var bad = await p.Owner.PostAsJsonAsync(url, new { userId = p.ColleagueUser.Id, teamId = p.OtherTeam.Id, access = "admin", until = Now.AddMinutes(-1) }, Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"access\"");
        var both = await p.Owner.PostAsJsonAsync(url, new { userId = p.ColleagueUser.Id, teamId = p.OtherTeam.Id, until = Now.AddMinutes(-1) }, Json);
        await both.ShouldBe(400);
        (await both.Content.ReadAsStringAsync()).Should().Contain("\"teamId\"").And.Contain("\"until\"");
        await (await p.Owner.PostAsJsonAsync(url, new { userId = p.OwnerUser.Id }, Json)).ShouldBe(400);
        await (await p.Owner.PostAsJsonAsync(url, new { userId = Guid.NewGuid() }, Json)).ShouldBe(400);
        await (await p.Owner.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/collaborators", new { userId = p.ColleagueUser.Id }, Json)).ShouldBe(404);
        await (await p.Owner.DeleteAsync($"{url}/{Guid.NewGuid()}")).ShouldBe(404);

        var chinese = await app.ClientFor(p.OwnerUser.Email);
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await chinese.PostAsJsonAsync(url, new { userId = p.ColleagueUser.Id, access = "admin" }, Json);
        await zh.ShouldBe(400);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("只能是 read");
        var forbidden = await p.Colleague.PostAsJsonAsync(url, new { userId = p.OwnerUser.Id }, Json);
        await forbidden.ShouldBe(403);
    }

    private sealed record LeadRef(Guid Id);
}

public sealed class CollaboratorApiTestsOnSqlite(SqliteClockedApp app) : CollaboratorApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class CollaboratorApiTestsOnPostgres(PostgresClockedApp app) : CollaboratorApiTests(app), IClassFixture<PostgresClockedApp>;
