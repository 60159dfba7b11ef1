using System.Net.Http.Json;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Collaborators;

/// <summary>
/// "Shared with me" (共享给我的) on the opportunities board, on both providers: <c>?shared=true</c> gives a board of only the
/// open opportunities others own that are shared with the caller or their team, counted and summed in their stage's
/// column; the caller's own, those shared with someone else and shares past their end date (the fake clock passes it,
/// no job runs) are not on it, and the default board is unchanged.
/// </summary>
public abstract class SharedBoardApiTests(ClockedKeqingApp app)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task Share(HttpClient owner, Guid opportunityId, object body) =>
        await (await owner.PostAsJsonAsync($"/api/opportunities/{opportunityId}/collaborators", body, Json)).ShouldBe(201);

    private static IEnumerable<Guid> Cards(BoardDto board) => board.Columns.SelectMany(c => c.Cards).Select(c => c.Id);

    [Fact]
    public async Task A_collaborator_sees_the_opportunities_shared_with_them_on_the_board_in_their_stage_until_the_share_ends()
    {
        var admin = await app.AdminClient();
        var (teamA, teamB, teamC) = (await admin.CreateTeam(), await admin.CreateTeam(), await admin.CreateTeam());
        var ownerUser = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var colleagueUser = await admin.CreateUser(Roles.SalesRep, teamB.Id);
        var teammateUser = await admin.CreateUser(Roles.SalesRep, teamB.Id);
        var strangerUser = await admin.CreateUser(Roles.SalesRep, teamC.Id);
        var owner = await app.ClientFor(ownerUser.Email);
        var colleague = await app.ClientFor(colleagueUser.Email);
        var teammate = await app.ClientFor(teammateUser.Email);
        var stranger = await app.ClientFor(strangerUser.Email);

        var pipeline = await admin.NewPipeline(("初步接触", 10, null), ("方案报价", 60, null));
        var (first, second) = (pipeline.Stages[0].Id, pipeline.Stages[1].Id);
        var customer = await owner.NewCustomer();
        var toMe = await owner.NewOpportunity(customer.Id, pipeline.Id, 50_000m, stageId: second);
        var toMyTeam = await owner.NewOpportunity(customer.Id, pipeline.Id, 20_000m, stageId: first);
        var notShared = await owner.NewOpportunity(customer.Id, pipeline.Id, 90_000m, stageId: second);
        var mine = await colleague.NewOpportunity((await colleague.NewCustomer()).Id, pipeline.Id, 70_000m, stageId: second);
        await Share(owner, toMe.Id, new { userId = colleagueUser.Id, access = "read", until = Now.AddHours(1) });
        await Share(owner, toMyTeam.Id, new { teamId = teamB.Id, access = "write", until = Now.AddHours(5) });

        var board = await colleague.Board(pipeline.Id, "?shared=true");
        Cards(board).Should().BeEquivalentTo([toMe.Id, toMyTeam.Id], "only others' opportunities shared with me or my team");
        var column = board.Columns.Single(c => c.Stage.Id == second);
        column.Count.Should().Be(1);
        column.Cards.Should().ContainSingle().Which.Id.Should().Be(toMe.Id);
        column.Totals.Should().ContainSingle().Which.Amount.Should().Be(Money.Of(50_000m, "CNY"), "the sums are those of the shared cards only");
        column.Totals.Single().Weighted.Should().Be(Money.Of(30_000m, "CNY"));
        board.Columns.Single(c => c.Stage.Id == first).Count.Should().Be(1);

        Cards(await colleague.Board(pipeline.Id)).Should().BeEquivalentTo([toMe.Id, toMyTeam.Id, mine.Id],
            "without the filter my own and the shared ones are on the board");
        Cards(await teammate.Board(pipeline.Id, "?shared=true")).Should().Equal([toMyTeam.Id], "shared with my team, not with me alone");
        Cards(await stranger.Board(pipeline.Id, "?shared=true")).Should().BeEmpty();
        Cards(await owner.Board(pipeline.Id, "?shared=true")).Should().BeEmpty("my own opportunities are not shared with me");
        Cards(await owner.Board(pipeline.Id)).Should().Contain(notShared.Id);

        app.Clock.Advance(TimeSpan.FromHours(2));
        Cards(await colleague.Board(pipeline.Id, "?shared=true")).Should().Equal([toMyTeam.Id], "the share past its end date is gone, no job ran");
        Cards(await colleague.Board(pipeline.Id)).Should().NotContain(toMe.Id);
    }

    [Fact]
    public async Task The_shared_board_combines_with_the_owner_filter_and_a_bad_value_is_400()
    {
        var admin = await app.AdminClient();
        var (teamA, teamB) = (await admin.CreateTeam(), await admin.CreateTeam());
        var ownerUser = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var otherOwnerUser = await admin.CreateUser(Roles.SalesRep, teamA.Id);
        var colleagueUser = await admin.CreateUser(Roles.SalesRep, teamB.Id);
        var owner = await app.ClientFor(ownerUser.Email);
        var otherOwner = await app.ClientFor(otherOwnerUser.Email);
        var colleague = await app.ClientFor(colleagueUser.Email);
        var pipeline = await admin.NewPipeline(("初步接触", 10, null));
        var a = await owner.NewOpportunity((await owner.NewCustomer()).Id, pipeline.Id, 10_000m);
        var b = await otherOwner.NewOpportunity((await otherOwner.NewCustomer()).Id, pipeline.Id, 10_000m);
        await Share(owner, a.Id, new { userId = colleagueUser.Id });
        await Share(otherOwner, b.Id, new { userId = colleagueUser.Id });

        Cards(await colleague.Board(pipeline.Id, "?shared=true")).Should().BeEquivalentTo([a.Id, b.Id]);
        Cards(await colleague.Board(pipeline.Id, $"?shared=true&ownerId={otherOwnerUser.Id}")).Should().Equal([b.Id]);
        (await colleague.GetAsync($"/api/pipelines/{pipeline.Id}/board?shared=maybe")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }
}

public sealed class SharedBoardApiTestsOnSqlite(SqliteClockedApp app) : SharedBoardApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SharedBoardApiTestsOnPostgres(PostgresClockedApp app) : SharedBoardApiTests(app), IClassFixture<PostgresClockedApp>;
