using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Products;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Collaborators;

/// <summary>
/// "Shared with me" (共享给我的) on the lists of leads, opportunities, quotes and cases, on both providers: <c>?shared=true</c>
/// lists the records others own that are shared with the caller or their team, keyset-paged; the caller's own records,
/// records shared with someone else and shares past their end date (the fake clock passes it; no job runs) are not listed.
/// </summary>
public abstract class SharedWithMeApiTests(ClockedKeqingApp app)
{
    private sealed record People(HttpClient Admin, HttpClient Owner, HttpClient Colleague, UserDto ColleagueUser, TeamDto ColleagueTeam, HttpClient Stranger);

    /// <summary>An owner in team A, a colleague in team B, a stranger in team C, all with <paramref name="role"/>.</summary>
    private async Task<People> Staff(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var teamA = await admin.CreateTeam();
        var teamB = await admin.CreateTeam();
        var teamC = await admin.CreateTeam();
        var owner = await admin.CreateUser(role, teamA.Id);
        var colleague = await admin.CreateUser(role, teamB.Id);
        var stranger = await admin.CreateUser(role, teamC.Id);
        return new People(admin, await app.ClientFor(owner.Email), await app.ClientFor(colleague.Email), colleague, teamB,
            await app.ClientFor(stranger.Email));
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task Share(HttpClient owner, string records, Guid id, object body) =>
        await (await owner.PostAsJsonAsync($"/api/{records}/{id}/collaborators", body, Json)).ShouldBe(201);

    private static async Task<Page<Row>> Shared(HttpClient client, string records, string more = "")
    {
        var response = await client.GetAsync($"/api/{records}?shared=true{more}");
        await response.ShouldBe(200);
        return await response.Read<Page<Row>>();
    }

    private static async Task<List<Guid>> SharedIds(HttpClient client, string records) =>
        [.. (await Shared(client, records, "&limit=200")).Items.Select(r => r.Id)];

    [Fact]
    public async Task Leads_shared_with_me_or_my_team_are_listed_page_by_page_until_the_share_ends()
    {
        var p = await Staff();
        var toMe = await NewLead(p.Owner);
        var toMyTeam = await NewLead(p.Owner);
        var notShared = await NewLead(p.Owner);
        var mine = await NewLead(p.Colleague);
        await Share(p.Owner, "leads", toMe, new { userId = p.ColleagueUser.Id, access = "read", until = Now.AddHours(2) });
        await Share(p.Owner, "leads", toMyTeam, new { teamId = p.ColleagueTeam.Id, access = "write" });

        // One lead a page: the cursor leads to the second and the second ends the list.
        var first = await Shared(p.Colleague, "leads", "&limit=1");
        first.Items.Should().ContainSingle();
        first.Next.Should().NotBeNull();
        var second = await Shared(p.Colleague, "leads", "&limit=1&after=" + Uri.EscapeDataString(first.Next!));
        second.Items.Should().ContainSingle();
        second.Next.Should().BeNull();
        first.Items.Concat(second.Items).Select(r => r.Id).Should().BeEquivalentTo([toMe, toMyTeam]);
        (await (await p.Colleague.GetAsync("/api/leads/count?shared=true")).Read<CountResponse>()).Count.Should().Be(2);
        (await SharedIds(p.Colleague, "leads")).Should().NotContain([notShared, mine], "my own leads and unshared ones are not shared with me");
        (await p.Colleague.GetStringAsync("/api/leads?limit=200")).Should().Contain(mine.ToString(), "without the filter my own leads are listed");
        (await SharedIds(p.Stranger, "leads")).Should().NotContain([toMe, toMyTeam]);
        (await SharedIds(p.Owner, "leads")).Should().NotContain([toMe, toMyTeam], "the owner's own leads are not shared with them");

        app.Clock.Advance(TimeSpan.FromHours(3));
        (await SharedIds(p.Colleague, "leads")).Should().Equal([toMyTeam], "the share past its end date is no longer listed, no job ran");
    }

    [Fact]
    public async Task Opportunities_and_quotes_shared_with_me_are_listed_and_others_are_not()
    {
        var p = await Staff();
        var pipeline = await p.Admin.NewPipeline(("初步接触", 10, null));
        var customer = await p.Owner.NewCustomer();
        var product = await p.Admin.NewProduct(listPrice: 800m);
        var deal = await p.Owner.NewOpportunity(customer.Id, pipeline.Id, 50_000m);
        var otherDeal = await p.Owner.NewOpportunity(customer.Id, pipeline.Id, 60_000m);
        var myCustomer = await p.Colleague.NewCustomer();
        var myDeal = await p.Colleague.NewOpportunity(myCustomer.Id, pipeline.Id, 70_000m);
        var quote = await NewQuote(p.Owner, customer.Id, product.Id);
        var otherQuote = await NewQuote(p.Owner, customer.Id, product.Id);
        await Share(p.Owner, "opportunities", deal.Id, new { userId = p.ColleagueUser.Id, until = Now.AddHours(1) });
        await Share(p.Owner, "quotes", quote, new { teamId = p.ColleagueTeam.Id, until = Now.AddHours(1) });

        (await SharedIds(p.Colleague, "opportunities")).Should().Contain(deal.Id).And.NotContain([otherDeal.Id, myDeal.Id]);
        (await (await p.Colleague.GetAsync("/api/opportunities/count?shared=true")).Read<CountResponse>()).Count.Should().Be(1);
        (await SharedIds(p.Colleague, "quotes")).Should().Contain(quote).And.NotContain(otherQuote);
        (await SharedIds(p.Stranger, "opportunities")).Should().NotContain(deal.Id);
        (await SharedIds(p.Stranger, "quotes")).Should().NotContain(quote);

        app.Clock.Advance(TimeSpan.FromHours(2));
        (await SharedIds(p.Colleague, "opportunities")).Should().NotContain(deal.Id);
        (await SharedIds(p.Colleague, "quotes")).Should().NotContain(quote);
    }

    [Fact]
    public async Task Cases_shared_with_me_are_listed_beside_my_own_until_the_share_ends()
    {
        var p = await Staff(Roles.ServiceAgent);
        var customer = await p.Admin.NewCustomer();
        var shared = await p.Owner.NewCase(customer.Id);
        var notShared = await p.Owner.NewCase(customer.Id);
        var mine = await p.Colleague.NewCase(customer.Id);
        await Share(p.Owner, "cases", shared.Id, new { userId = p.ColleagueUser.Id, access = "write", until = Now.AddHours(1) });

        (await SharedIds(p.Colleague, "cases")).Should().Contain(shared.Id).And.NotContain([notShared.Id, mine.Id]);
        (await SharedIds(p.Stranger, "cases")).Should().NotContain(shared.Id);
        (await p.Colleague.GetStringAsync("/api/cases?limit=200")).Should().Contain(shared.Id.ToString()).And.Contain(mine.Id.ToString());

        app.Clock.Advance(TimeSpan.FromHours(2));
        (await SharedIds(p.Colleague, "cases")).Should().NotContain(shared.Id);
    }

    private static async Task<Guid> NewLead(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/leads", new { name = Unique("共享线索") }, Json);
        await response.ShouldBe(201);
        return (await response.Read<Row>()).Id;
    }

    private static async Task<Guid> NewQuote(HttpClient client, Guid customerId, Guid productId)
    {
        var response = await client.PostAsJsonAsync("/api/quotes", new
        {
            customerId, title = Unique("共享报价"), lines = new[] { new { productId, quantity = 1 } },
        }, Json);
        await response.ShouldBe(201);
        return (await response.Read<QuoteDto>()).Id;
    }

    private sealed record Row(Guid Id);

    private sealed record CountResponse(int Count, bool Capped);
}

public sealed class SharedWithMeApiTestsOnSqlite(SqliteClockedApp app) : SharedWithMeApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SharedWithMeApiTestsOnPostgres(PostgresClockedApp app) : SharedWithMeApiTests(app), IClassFixture<PostgresClockedApp>;
