using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Api;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// Record access on opportunities (DOMAIN P5) and what moves them with their customer, on both providers: a rep never
/// sees another team's opportunities in a list, a count, a board or by id; a manager sees their team's; open deals go
/// with the customers in a hand-over (T4); every deal of a merged customer goes to the survivor.
/// </summary>
public abstract class OpportunityAccessTests(KeqingApp app)
{
    [Fact]
    public async Task A_rep_never_sees_another_teams_opportunities_in_a_list_count_board_or_by_id()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var east = await admin.CreateTeam(managerId: managerUser.Id);
        var west = await admin.CreateTeam();
        var eastRep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, east.Id)).Email);
        var eastTeammate = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, east.Id)).Email);
        var westRep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, west.Id)).Email);
        var manager = await app.ClientFor(managerUser.Email);
        var pipeline = await admin.NewPipeline(("接触", 10, null), ("谈判", 60, null));

        var eastDeal = await eastRep.NewOpportunity((await eastRep.NewCustomer()).Id, pipeline.Id, 100m);
        var westDeal = await westRep.NewOpportunity((await westRep.NewCustomer()).Id, pipeline.Id, 7_000m);

        async Task<HashSet<Guid>> Sees(HttpClient client)
        {
            var list = (await (await client.GetAsync($"/api/opportunities?pipelineId={pipeline.Id}")).Read<Page<OpportunitySummaryDto>>()).Items.Select(o => o.Id).ToHashSet();
            var count = (await (await client.GetAsync($"/api/opportunities/count?pipelineId={pipeline.Id}")).Read<OpportunitiesApi.CountResponse>()).Count;
            var board = await client.Board(pipeline.Id);
            count.Should().Be(list.Count, "the count and the list agree");
            board.Columns.Sum(c => c.Count).Should().Be(list.Count, "the board counts what the list shows");
            board.Columns.SelectMany(c => c.Cards).Select(c => c.Id).Should().BeEquivalentTo(list);
            board.Columns.SelectMany(c => c.Totals).Sum(t => t.Amount.MinorUnits).Should().Be(list.Count == 0 ? 0
                : (list.Contains(eastDeal.Id) ? 10_000 : 0) + (list.Contains(westDeal.Id) ? 700_000 : 0), "the totals sum only what one sees");
            foreach (var id in new[] { eastDeal.Id, westDeal.Id })
                ((int)(await client.GetAsync($"/api/opportunities/{id}")).StatusCode).Should().Be(list.Contains(id) ? 200 : 404);
            return list;
        }

        (await Sees(eastRep)).Should().BeEquivalentTo([eastDeal.Id]);
        (await Sees(westRep)).Should().BeEquivalentTo([westDeal.Id]);
        (await Sees(eastTeammate)).Should().BeEmpty("a teammate sees only their own");
        (await Sees(manager)).Should().BeEquivalentTo([eastDeal.Id], "a manager sees their team's");
        (await Sees(admin)).Should().BeEquivalentTo([eastDeal.Id, westDeal.Id]);

        // Nor can anyone act on what they do not see (404), or give a deal to someone outside their teams.
        await (await westRep.Move(eastDeal.Id, pipeline.Stages[1].Id)).ShouldBe(404);
        await (await westRep.PostAsJsonAsync($"/api/opportunities/{eastDeal.Id}/win", new { reason = "x" })).ShouldBe(404);
        await (await westRep.DeleteAsync($"/api/opportunities/{eastDeal.Id}")).ShouldBe(404);
        var steal = await westRep.PostAsJsonAsync("/api/opportunities", new
        {
            customerId = eastDeal.CustomerId, name = "x", amount = new { amount = 1m, currency = "CNY" }, expectedCloseDate = "2026-12-01", pipelineId = pipeline.Id,
        }, ApiHelpers.Json);
        await steal.ShouldBe(400);
        var give = await eastRep.PutWithVersion($"/api/opportunities/{eastDeal.Id}", eastDeal.Version, new
        {
            name = eastDeal.Name, amount = new { amount = 100m, currency = "CNY" }, expectedCloseDate = "2026-12-15", ownerId = westDeal.OwnerId,
        });
        await give.ShouldBe(400);
        (await give.Content.ReadAsStringAsync()).Should().Contain("ownerId");
    }

    [Fact]
    public async Task Open_opportunities_move_with_the_customers_in_a_hand_over_and_closed_ones_stay()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var leaverUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var takerUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var leaver = await app.ClientFor(leaverUser.Email);
        var pipeline = await admin.NewPipeline(("接触", 10, null));
        var customer = await leaver.NewCustomer();
        var open = await leaver.NewOpportunity(customer.Id, pipeline.Id, 500m);
        var won = await leaver.NewOpportunity(customer.Id, pipeline.Id, 800m);
        await (await leaver.PostAsJsonAsync($"/api/opportunities/{won.Id}/win", new { reason = "关系好" })).ShouldBe(200);

        var manager = await app.ClientFor(managerUser.Email);
        var handover = await manager.PostAsJsonAsync("/api/handovers", new { fromUserId = leaverUser.Id, toUserIds = new[] { takerUser.Id } });
        await handover.ShouldBe(201);
        (await handover.Read<HandoverResult>()).Other.Should().Contain(new KeyValuePair<string, int>("opportunities", 1));

        var taker = await app.ClientFor(takerUser.Email);
        (await taker.Get(open.Id)).OwnerId.Should().Be(takerUser.Id);
        (await admin.Get(won.Id)).OwnerId.Should().Be(leaverUser.Id, "a closed deal stays with who closed it");
    }

    [Fact]
    public async Task A_merged_customers_opportunities_go_to_the_survivor()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var pipeline = await admin.NewPipeline(("接触", 10, null));
        var survivor = await rep.NewCustomer();
        var other = await rep.NewCustomer();
        var deal = await rep.NewOpportunity(other.Id, pipeline.Id, 42m);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge") { Content = JsonContent.Create(new { otherIds = new[] { other.Id } }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{survivor.Version}\""));
        await (await rep.SendAsync(request)).ShouldBe(200);

        (await rep.Get(deal.Id)).CustomerId.Should().Be(survivor.Id);
        (await (await rep.GetAsync($"/api/opportunities?customerId={survivor.Id}")).Read<Page<OpportunitySummaryDto>>()).Items.Should().ContainSingle(o => o.Id == deal.Id);
    }
}

public sealed class OpportunityAccessTestsOnSqlite(SqliteApp app) : OpportunityAccessTests(app), IClassFixture<SqliteApp>;
public sealed class OpportunityAccessTestsOnPostgres(PostgresApp app) : OpportunityAccessTests(app), IClassFixture<PostgresApp>;
