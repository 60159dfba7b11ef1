using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// Opportunities through the API on both providers (DOMAIN S2): pipelines and reasons, create/read/change/archive, moves
/// with stage history, win and lose, the board's column totals exact to the fen, the stuck flag, and the timeline.
/// </summary>
public abstract class OpportunityApiTests(ClockedKeqingApp app)
{
    private async Task<(HttpClient Admin, HttpClient Rep, Guid RepId)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        emails[rep.Id] = rep.Email;
        return (admin, await app.ClientFor(rep.Email), rep.Id);
    }

    private readonly Dictionary<Guid, string> emails = [];

    [Fact]
    public async Task An_admin_sets_up_a_pipeline_and_reps_read_it_but_may_not_change_it()
    {
        var (admin, rep, _) = await People();
        var pipeline = await admin.NewPipeline(("初步接触", 10, 14), ("方案报价", 50, 21), ("商务谈判", 80, null));
        pipeline.Stages.Select(s => (s.Name, s.Order, s.Probability)).Should().Equal(("初步接触", 0, 10), ("方案报价", 1, 50), ("商务谈判", 2, 80));

        var listed = await (await rep.GetAsync("/api/pipelines")).Read<List<PipelineDto>>();
        listed.Should().ContainSingle(p => p.Id == pipeline.Id).Which.Stages.Should().HaveCount(3);
        await (await rep.PostAsJsonAsync("/api/pipelines", new { name = "x", stages = new[] { new { name = "a", probability = 1 } } })).ShouldBe(403);

        var bad = await admin.PostAsJsonAsync("/api/pipelines", new { name = "", stages = new[] { new { name = "", probability = 120, stuckAfterDays = 0 } } });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("stages[0].name").And.Contain("stages[0].probability").And.Contain("stages[0].stuckAfterDays").And.Contain("\"name\"");

        // Reorder, rename, drop the last stage and add a new one; without If-Match 428, stale 412.
        var body = new
        {
            name = pipeline.Name, isDefault = pipeline.IsDefault,
            stages = new object[]
            {
                new { id = pipeline.Stages[1].Id, name = "报价", probability = 60, stuckAfterDays = 10 },
                new { id = pipeline.Stages[0].Id, name = "初步接触", probability = 10, stuckAfterDays = 14 },
                new { name = "签约", probability = 90 },
            },
        };
        await (await admin.PutWithVersion($"/api/pipelines/{pipeline.Id}", null, body)).ShouldBe(428);
        await (await admin.PutWithVersion($"/api/pipelines/{pipeline.Id}", pipeline.Version + 7, body)).ShouldBe(412);
        var changed = await admin.PutWithVersion($"/api/pipelines/{pipeline.Id}", pipeline.Version, body);
        await changed.ShouldBe(200);
        var after = await changed.Read<PipelineDto>();
        after.Stages.Select(s => s.Name).Should().Equal("报价", "初步接触", "签约");
        after.Version.Should().BeGreaterThan(pipeline.Version);

        // A stage with an open opportunity cannot be dropped; a pipeline with one cannot be archived.
        var customer = await rep.NewCustomer();
        await rep.NewOpportunity(customer.Id, pipeline.Id, 1000m, after.Stages[2].Id);
        var drop = await admin.PutWithVersion($"/api/pipelines/{pipeline.Id}", after.Version,
            new { name = after.Name, isDefault = after.IsDefault, stages = after.Stages.Take(2).Select(s => new { id = s.Id, name = s.Name, probability = s.Probability }) });
        await drop.ShouldBe(400);
        await (await admin.DeleteAsync($"/api/pipelines/{pipeline.Id}")).ShouldBe(409);
        var empty = await admin.NewPipeline(("唯一阶段", 20, null));
        await (await admin.DeleteAsync($"/api/pipelines/{empty.Id}")).ShouldBe(204);
        (await (await admin.GetAsync("/api/pipelines")).Read<List<PipelineDto>>()).Should().NotContain(p => p.Id == empty.Id);
    }

    [Fact]
    public async Task Reasons_are_admin_lists_and_winning_or_losing_takes_one_of_them()
    {
        var (admin, rep, _) = await People();
        var won = await admin.PostAsJsonAsync("/api/opportunity-reasons", new { kind = "won", text = ApiHelpers.Unique("价格优势") }, ApiHelpers.Json);
        await won.ShouldBe(201);
        var wonReason = await won.Read<CloseReasonDto>();
        var lostText = ApiHelpers.Unique("价格太高");
        await (await admin.PostAsJsonAsync("/api/opportunity-reasons", new { kind = "lost", text = lostText }, ApiHelpers.Json)).ShouldBe(201);
        await (await rep.PostAsJsonAsync("/api/opportunity-reasons", new { kind = "lost", text = "x" }, ApiHelpers.Json)).ShouldBe(403);
        (await (await rep.GetAsync("/api/opportunity-reasons?kind=won")).Read<List<CloseReasonDto>>())
            .Should().Contain(r => r.Id == wonReason.Id).And.OnlyContain(r => r.Kind == CloseReasonKind.Won);
        await (await rep.GetAsync("/api/opportunity-reasons?kind=maybe")).ShouldBe(400);

        var pipeline = await admin.NewPipeline(("接触", 20, null), ("谈判", 70, null));
        var customer = await rep.NewCustomer();
        var a = await rep.NewOpportunity(customer.Id, pipeline.Id, 50_000m);
        await (await rep.PostAsJsonAsync($"/api/opportunities/{a.Id}/win", new { reason = "不在列表里" })).ShouldBe(400);
        var win = await rep.PostAsJsonAsync($"/api/opportunities/{a.Id}/win", new { reason = wonReason.Text });
        await win.ShouldBe(200);
        var wonDto = await win.Read<OpportunityDto>();
        (wonDto.Status, wonDto.ForecastCategory, wonDto.Probability, wonDto.CloseReason).Should().Be((OpportunityStatus.Won, ForecastCategory.Closed, 100, wonReason.Text));
        wonDto.ClosedAt.Should().NotBeNull();
        await (await rep.Move(a.Id, pipeline.Stages[1].Id)).ShouldBe(409);
        await (await rep.PostAsJsonAsync($"/api/opportunities/{a.Id}/lose", new { reason = lostText })).ShouldBe(409);

        var b = await rep.NewOpportunity(customer.Id, pipeline.Id, 80_000m);
        var lose = await rep.PostAsJsonAsync($"/api/opportunities/{b.Id}/lose", new { reason = lostText, competitor = "迈瑞" });
        await lose.ShouldBe(200);
        var lost = await lose.Read<OpportunityDto>();
        (lost.Status, lost.Probability, lost.LostTo).Should().Be((OpportunityStatus.Lost, 0, "迈瑞"));
        lost.Competitors.Should().Contain("迈瑞");

        var timeline = await rep.Timeline(customer.Id);
        timeline.Items.Where(e => e.SourceModule == "opportunities").Select(e => e.Title).Should()
            .Contain(t => t.Contains(a.Name) && t.Contains("赢单")).And.Contain(t => t.Contains(b.Name) && t.Contains("输单"));
    }

    [Fact]
    public async Task Create_change_move_and_archive_an_opportunity_with_its_stage_history()
    {
        var (admin, rep, repId) = await People();
        var pipeline = await admin.NewPipeline(("接触", 10, null), ("方案", 40, null), ("谈判", 75, null));
        var customer = await rep.NewCustomer();

        var bad = await rep.PostAsJsonAsync("/api/opportunities", new
        {
            customerId = Guid.NewGuid(), name = "", amount = new { amount = -1m, currency = "CNY" }, probability = 101, pipelineId = pipeline.Id,
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("expectedCloseDate").And.Contain("amount");
        var nobody = await rep.PostAsJsonAsync("/api/opportunities", new
        {
            customerId = Guid.NewGuid(), name = "x", amount = new { amount = 1m, currency = "CNY" }, expectedCloseDate = "2026-12-01", probability = 101,
        }, ApiHelpers.Json);
        await nobody.ShouldBe(400);
        (await nobody.Content.ReadAsStringAsync()).Should().Contain("customerId").And.Contain("probability");

        var created = await rep.NewOpportunity(customer.Id, pipeline.Id, 123_456.78m);
        (created.StageId, created.Probability, created.OwnerId, created.Status).Should().Be((pipeline.Stages[0].Id, 10, repId, OpportunityStatus.Open));
        created.Amount.Should().Be(Money.Of(123_456.78m));
        created.History.Should().ContainSingle().Which.StageId.Should().Be(pipeline.Stages[0].Id);

        var moved = await (await rep.Move(created.Id, pipeline.Stages[1].Id)).Read<OpportunityDto>();
        (moved.StageId, moved.Probability).Should().Be((pipeline.Stages[1].Id, 40));
        moved.History.Select(h => h.StageName).Should().Equal("接触", "方案");
        moved.History[0].LeftAt.Should().NotBeNull();
        moved.History[1].LeftAt.Should().BeNull();
        app.Clock.Advance(TimeSpan.FromHours(36));
        rep = await app.ClientFor(emails[repId]);
        (await rep.Get(created.Id)).History[1].DaysInStage.Should().Be(1.5);

        // The owner overrides the probability: a move keeps it; clearing it takes the stage's again.
        var put = await rep.PutWithVersion($"/api/opportunities/{created.Id}", moved.Version, new
        {
            name = "新名字", amount = new { amount = 99.99m, currency = "CNY" }, expectedCloseDate = "2027-01-31", probability = 55,
            forecastCategory = "commit", competitors = new[] { "迈瑞", " 迈瑞 ", "" }, nextStep = "下周拜访院长",
        });
        await put.ShouldBe(200);
        var changed = await put.Read<OpportunityDto>();
        (changed.Name, changed.Probability, changed.ProbabilityOverridden, changed.ForecastCategory, changed.NextStep)
            .Should().Be(("新名字", 55, true, ForecastCategory.Commit, "下周拜访院长"));
        changed.Competitors.Should().Equal("迈瑞");
        await (await rep.PutWithVersion($"/api/opportunities/{created.Id}", moved.Version, new { name = "x", amount = new { amount = 1m, currency = "CNY" }, expectedCloseDate = "2027-01-31" })).ShouldBe(412);
        var kept = await (await rep.Move(created.Id, pipeline.Stages[2].Id)).Read<OpportunityDto>();
        kept.Probability.Should().Be(55);
        var cleared = await (await rep.PutWithVersion($"/api/opportunities/{created.Id}", kept.Version, new
        {
            name = "新名字", amount = new { amount = 99.99m, currency = "CNY" }, expectedCloseDate = "2027-01-31", forecastCategory = "bestCase",
        })).Read<OpportunityDto>();
        (cleared.Probability, cleared.ProbabilityOverridden).Should().Be((75, false));
        await (await rep.Move(created.Id, Guid.NewGuid())).ShouldBe(400);

        var timeline = await rep.Timeline(customer.Id);
        timeline.Items.Where(e => e.SourceModule == "opportunities").Should().HaveCount(3, "created and two moves");

        var list = await (await rep.GetAsync($"/api/opportunities?customerId={customer.Id}")).Read<Page<OpportunitySummaryDto>>();
        list.Items.Should().ContainSingle(o => o.Id == created.Id);
        await (await rep.DeleteAsync($"/api/opportunities/{created.Id}")).ShouldBe(204);
        await (await rep.GetAsync($"/api/opportunities/{created.Id}")).ShouldBe(200);
        (await (await rep.GetAsync($"/api/opportunities?customerId={customer.Id}")).Read<Page<OpportunitySummaryDto>>()).Items.Should().BeEmpty();
        await (await rep.Move(created.Id, pipeline.Stages[0].Id)).ShouldBe(404);
    }

    [Fact]
    public async Task Board_totals_count_and_sum_exactly_and_weigh_once_rounded_to_the_fen()
    {
        var (admin, rep, _) = await People();
        var pipeline = await admin.NewPipeline(("接触", 10, null), ("谈判", 33, null));
        var customer = await rep.NewCustomer();
        // Three deals of 0.05 at 10 %: each weighs half a fen; rounded once the column weighs 0.02, rounded each 0.03.
        for (var i = 0; i < 3; i++) await rep.NewOpportunity(customer.Id, pipeline.Id, 0.05m);
        var second = pipeline.Stages[1].Id;
        await rep.NewOpportunity(customer.Id, pipeline.Id, 33.33m, second);
        await rep.NewOpportunity(customer.Id, pipeline.Id, 100.01m, second, probability: 67);
        await rep.NewOpportunity(customer.Id, pipeline.Id, 0.01m, second, closeDate: "2027-03-01");
        var closed = await rep.NewOpportunity(customer.Id, pipeline.Id, 1_000_000m, second);
        var reason = ApiHelpers.Unique("预算取消");
        await (await admin.PostAsJsonAsync("/api/opportunity-reasons", new { kind = "lost", text = reason }, ApiHelpers.Json)).ShouldBe(201);
        await (await rep.PostAsJsonAsync($"/api/opportunities/{closed.Id}/lose", new { reason })).ShouldBe(200);

        var board = await rep.Board(pipeline.Id);
        board.Columns.Select(c => c.Count).Should().Equal(3, 3);
        board.Columns[0].Totals.Should().Equal(new ColumnTotal(Money.Of(0.15m), Money.Of(0.02m)));
        // 33.33 × 33 % + 100.01 × 67 % + 0.01 × 33 % = 10.9989 + 67.0067 + 0.0033 = 78.0089 → 78.01
        board.Columns[1].Totals.Should().Equal(new ColumnTotal(Money.Of(133.35m), Money.Of(78.01m)));
        board.Columns[1].Cards.Select(c => c.Amount).Should().Equal(Money.Of(33.33m), Money.Of(100.01m), Money.Of(0.01m));

        var december = await rep.Board(pipeline.Id, "?closeMonth=2026-12&cards=1");
        december.Columns[1].Count.Should().Be(2);
        december.Columns[1].Cards.Should().HaveCount(1);
        await (await rep.GetAsync($"/api/pipelines/{pipeline.Id}/board?closeMonth=12-2026")).ShouldBe(400);
        await (await rep.GetAsync($"/api/pipelines/{Guid.NewGuid()}/board")).ShouldBe(404);
    }

    [Fact]
    public async Task An_opportunity_sitting_past_its_stages_limit_is_stuck()
    {
        var (admin, rep, repId) = await People();
        var pipeline = await admin.NewPipeline(("接触", 10, 14), ("谈判", 60, null));
        var customer = await rep.NewCustomer();
        var old = await rep.NewOpportunity(customer.Id, pipeline.Id, 10m);
        var never = await rep.NewOpportunity(customer.Id, pipeline.Id, 10m, pipeline.Stages[1].Id);
        app.Clock.Advance(TimeSpan.FromDays(15));
        rep = await app.ClientFor(emails[repId]);
        var fresh = await rep.NewOpportunity(customer.Id, pipeline.Id, 10m);

        var stuck = await (await rep.GetAsync($"/api/opportunities?pipelineId={pipeline.Id}&stuck=true")).Read<Page<OpportunitySummaryDto>>();
        stuck.Items.Select(o => o.Id).Should().Equal(old.Id);
        var notStuck = await (await rep.GetAsync($"/api/opportunities?pipelineId={pipeline.Id}&stuck=false")).Read<Page<OpportunitySummaryDto>>();
        notStuck.Items.Select(o => o.Id).Should().BeEquivalentTo([fresh.Id, never.Id]);
        (await rep.Get(old.Id)).Stuck.Should().BeTrue();
        var board = await rep.Board(pipeline.Id);
        board.Columns[0].Cards.Single(c => c.Id == old.Id).Stuck.Should().BeTrue();
        board.Columns[0].Cards.Single(c => c.Id == fresh.Id).Stuck.Should().BeFalse();

        // A move starts the clock again.
        await (await rep.Move(old.Id, pipeline.Stages[1].Id)).ShouldBe(200);
        await (await rep.Move(old.Id, pipeline.Stages[0].Id)).ShouldBe(200);
        (await rep.Get(old.Id)).Stuck.Should().BeFalse();
    }

    [Fact]
    public async Task Keyset_pages_walk_every_opportunity_once()
    {
        var (admin, rep, _) = await People();
        var pipeline = await admin.NewPipeline(("接触", 10, null));
        var customer = await rep.NewCustomer();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await rep.NewOpportunity(customer.Id, pipeline.Id, i + 1)).Id);
        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await rep.GetAsync($"/api/opportunities?pipelineId={pipeline.Id}&limit=2" + (after is null ? "" : $"&after={after}"))).Read<Page<OpportunitySummaryDto>>();
            seen.AddRange(page.Items.Select(o => o.Id));
            after = page.Next;
        } while (after is not null);
        seen.Should().Equal(Enumerable.Reverse(ids));
        var count = await (await rep.GetAsync($"/api/opportunities/count?pipelineId={pipeline.Id}")).Read<Keqing.Modules.Opportunities.Api.OpportunitiesApi.CountResponse>();
        count.Count.Should().Be(5);
        await (await rep.GetAsync("/api/opportunities?after=garbage")).ShouldBe(400);
        await (await rep.GetAsync("/api/opportunities?status=maybe")).ShouldBe(400);
    }
}

public sealed class OpportunityApiTestsOnSqlite(SqliteClockedApp app) : OpportunityApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class OpportunityApiTestsOnPostgres(PostgresClockedApp app) : OpportunityApiTests(app), IClassFixture<PostgresClockedApp>;
