using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// The sales database's intake through the API on both providers (DOMAIN S4): a later report of a distributor ×
/// product × month replaces the earlier, rows that do not add up are stored and flagged, bad rows refuse the batch with
/// errors per row, and a distributor one may not see can be neither reported for nor read. The clock stands at 2026-11-24.
/// </summary>
public abstract class SellThroughApiTests(ClockedKeqingApp app)
{
    private async Task<(HttpClient Admin, HttpClient Rep, Guid TeamId)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return (admin, await app.ClientFor(rep.Email), team.Id);
    }

    [Fact]
    public async Task A_later_report_of_the_month_replaces_the_earlier_and_rows_that_do_not_add_up_are_kept_flagged()
    {
        var (_, rep, _) = await People();
        var distributor = await rep.NewDistributor();
        var products = await app.NewProducts(3);

        var first = await rep.Reported(
            SellThroughData.Row(distributor.Id, products[0].Id, "2026-10", 100, 50, 30, 120),
            new { distributor = distributor.Name, sku = products[1].Sku.ToLowerInvariant(), month = "2026-10", opening = 0, purchases = 10, sales = 4, closing = 6 });
        first.Should().BeEquivalentTo(new SellThroughReportResult(2, 0, 0, []));

        // The second report of October replaces the first; it does not add up (100 + 50 − 30 ≠ 119) and is stored anyway.
        var second = await rep.Reported(
            SellThroughData.Row(distributor.Id, products[0].Id, "2026-10", 100, 50, 30, 119),
            SellThroughData.Row(distributor.Id, products[2].Id, "2026-10", 5, 0, 5, 0));
        second.Stored.Should().Be(2);
        second.Replaced.Should().Be(1);
        second.FlaggedRows.Should().Equal(new FlaggedSellThroughRow(0, 1));

        var rows = await rep.Rows($"customerId={distributor.Id}");
        rows.Truncated.Should().BeFalse();
        rows.Items.Should().HaveCount(3);
        var replaced = rows.Items.Single(r => r.ProductId == products[0].Id);
        (replaced.Closing, replaced.Balanced, replaced.Month, replaced.Source).Should().Be((119L, false, "2026-10", SellThroughSource.Api));
        rows.Items.Single(r => r.ProductId == products[1].Id).Should().Match<SellThroughRowDto>(r => r.Balanced && r.Sales == 4);

        // Twice the same key in one batch: the last wins, the first counts as replaced.
        var twice = await rep.Reported(
            SellThroughData.Row(distributor.Id, products[1].Id, "2026-11", 6, 1, 1, 6),
            SellThroughData.Row(distributor.Id, products[1].Id, "2026-11", 6, 2, 1, 7));
        (twice.Stored, twice.Replaced, twice.Flagged).Should().Be((2, 1, 0));
        (await rep.Rows($"customerId={distributor.Id}&productId={products[1].Id}&from=2026-11&to=2026-11")).Items
            .Should().ContainSingle().Which.Purchases.Should().Be(2);
        (await rep.Rows($"customerId={distributor.Id}&from=2026-01&to=2026-10&limit=2")).Should()
            .Match<SellThroughRowsPage>(p => p.Items.Count == 2 && p.Truncated);
    }

    [Fact]
    public async Task A_batch_of_a_thousand_rows_is_stored_and_sent_again_replaces_every_row()
    {
        var (_, rep, _) = await People();
        var distributors = new[] { await rep.NewDistributor(), await rep.NewDistributor() };
        var products = await app.NewProducts(50);
        var rows = (from d in distributors from p in products from m in Enumerable.Range(1, 10)
                    select SellThroughData.Row(d.Id, p.Id, $"2026-{m:D2}", m, 10, 5, m + 5 - (m == 3 ? 1 : 0))).ToArray();
        var first = await rep.Reported(rows);
        (first.Stored, first.Replaced, first.Flagged).Should().Be((1000, 0, 100));
        var again = await rep.Reported(rows);
        (again.Stored, again.Replaced, again.Flagged).Should().Be((1000, 1000, 100));
        var stored = await rep.Rows($"customerId={distributors[1].Id}&limit=5000");
        stored.Items.Should().HaveCount(500);
        stored.Items.Count(r => !r.Balanced).Should().Be(50);
    }

    [Fact]
    public async Task Bad_rows_refuse_the_whole_batch_with_an_error_for_each_row_and_field()
    {
        var (admin, rep, _) = await People();
        var distributor = await rep.NewDistributor();
        var notMine = await admin.NewDistributor();
        var products = await app.NewProducts(1);
        var response = await rep.Report(
            SellThroughData.Row(distributor.Id, products[0].Id, "2026-11", 1, 1, 1, 1),
            new { distributorId = distributor.Id, sku = "NO-SUCH-SKU", month = "2026-11", opening = 0, purchases = 0, sales = 0, closing = 0 },
            SellThroughData.Row(notMine.Id, Guid.NewGuid(), "2026-12", -1, 0, 0, 0),
            new { distributor = "没有这家公司", productId = products[0].Id, month = "十一月", opening = 0, purchases = 0, sales = 0 },
            new { distributorId = distributor.Id, productId = products[0].Id, month = "1999-12", opening = 0, purchases = 0, sales = 1_000_000_000_001L, closing = 0 });
        await response.ShouldBe(400);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "rows[1].sku", "rows[2].distributorId", "rows[2].productId", "rows[2].month", "rows[2].opening",
                     "rows[3].distributor", "rows[3].month", "rows[3].closing", "rows[4].month", "rows[4].sales" })
            body.Should().Contain($"\"{field}\"");
        body.Should().NotContain("rows[0]");
        (await rep.Rows($"customerId={distributor.Id}")).Items.Should().BeEmpty("a batch with a bad row stores nothing");

        await (await rep.Report()).ShouldBe(400);
        await (await rep.PostAsJsonAsync("/api/sell-through", new { rows = (object?)null })).ShouldBe(400);
        var tooMany = Enumerable.Repeat(SellThroughData.Row(distributor.Id, products[0].Id, "2026-11", 1, 1, 1, 1), 5001).ToArray();
        await (await rep.Report(tooMany)).ShouldBe(400);
        await (await rep.GetAsync("/api/sell-through?from=garbage")).ShouldBe(400);
        await (await rep.GetAsync("/api/sell-through?limit=0")).ShouldBe(400);
    }

    [Fact]
    public async Task A_rep_reports_and_reads_only_distributors_they_may_see_their_manager_reads_the_team()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var repA = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var repB = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var products = await app.NewProducts(1);
        var distributor = await repA.NewDistributor();
        await repA.Reported(SellThroughData.Row(distributor.Id, products[0].Id, "2026-09", 1, 1, 1, 1));

        (await repB.Rows($"customerId={distributor.Id}")).Items.Should().BeEmpty();
        (await repB.Rows("")).Items.Should().NotContain(r => r.DistributorId == distributor.Id);
        var refused = await repB.Report(SellThroughData.Row(distributor.Id, products[0].Id, "2026-09", 9, 9, 9, 9));
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("rows[0].distributorId");
        var byName = await repB.Report(new { distributor = distributor.Name, productId = products[0].Id, month = "2026-09", opening = 9, purchases = 9, sales = 9, closing = 9 });
        await byName.ShouldBe(400);

        var managerClient = await app.ClientFor(manager.Email);
        (await managerClient.Rows($"customerId={distributor.Id}")).Items.Should().ContainSingle().Which.Closing.Should().Be(1);
        (await admin.Rows($"customerId={distributor.Id}")).Items.Should().ContainSingle();

        var agent = await app.ClientFor((await admin.CreateUser(Roles.ServiceAgent)).Email);
        await (await agent.GetAsync("/api/sell-through")).ShouldBe(403);
        await (await agent.Report(SellThroughData.Row(distributor.Id, products[0].Id, "2026-09", 1, 1, 1, 1))).ShouldBe(403);
    }
}

public sealed class SellThroughApiTestsOnSqlite(SqliteClockedApp app) : SellThroughApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SellThroughApiTestsOnPostgres(PostgresClockedApp app) : SellThroughApiTests(app), IClassFixture<PostgresClockedApp>;
