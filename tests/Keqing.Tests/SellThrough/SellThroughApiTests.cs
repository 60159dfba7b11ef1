using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// The sales database's intake through the API on both providers (DOMAIN S4): a later report of a distributor ×
/// product × month replaces the earlier, rows that do not add up are stored and flagged, the good rows of a batch are
/// stored and the bad ones returned by index with their errors (a batch of only bad rows is a 400), a distributor is named
/// by id, customer code, credit code or name, and one the caller may not see can be neither reported for nor read. The
/// clock stands at 2026-11-24.
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
        first.Should().BeEquivalentTo(new SellThroughReportResult(2, 0, 0, [], []));

        // The second report of October replaces the first; it does not add up (100 + 50 − 30 ≠ 119) and is stored anyway.
        var second = await rep.Reported(
            SellThroughData.Row(distributor.Id, products[0].Id, "2026-10", 100, 50, 30, 119),
            SellThroughData.Row(distributor.Id, products[2].Id, "2026-10", 5, 0, 5, 0));
        second.Accepted.Should().Be(2);
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
        (twice.Accepted, twice.Replaced, twice.Flagged).Should().Be((2, 1, 0));
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
        (first.Accepted, first.Replaced, first.Flagged).Should().Be((1000, 0, 100));
        var again = await rep.Reported(rows);
        (again.Accepted, again.Replaced, again.Flagged).Should().Be((1000, 1000, 100));
        var stored = await rep.Rows($"customerId={distributors[1].Id}&limit=5000");
        stored.Items.Should().HaveCount(500);
        stored.Items.Count(r => !r.Balanced).Should().Be(50);
    }

    [Fact]
    public async Task The_good_rows_of_a_batch_are_stored_and_the_bad_ones_returned_by_index_with_their_errors()
    {
        var (admin, rep, _) = await People();
        var distributor = await rep.NewDistributor();
        var notMine = await admin.NewDistributor();
        var products = await app.NewProducts(2);
        object[] batch =
        [
            SellThroughData.Row(distributor.Id, products[0].Id, "2026-11", 1, 1, 1, 1),
            new { distributorId = distributor.Id, sku = "NO-SUCH-SKU", month = "2026-11", opening = 0, purchases = 0, sales = 0, closing = 0 },
            SellThroughData.Row(notMine.Id, Guid.NewGuid(), "2026-12", -1, 0, 0, 0),
            new { distributor = "没有这家公司", productId = products[0].Id, month = "十一月", opening = 0, purchases = 0, sales = 0 },
            new { distributorId = distributor.Id, productId = products[0].Id, month = "1999-12", opening = 0, purchases = 0, sales = 1_000_000_000_001L, closing = 0 },
            SellThroughData.Row(distributor.Id, products[1].Id, "2026-11", 10, 5, 5, 9),
        ];
        var result = await rep.Reported(batch);
        (result.Accepted, result.Replaced, result.Flagged).Should().Be((2, 0, 1));
        result.FlaggedRows.Should().Equal(new FlaggedSellThroughRow(5, 1)); // by its index in the batch, not among the good rows
        result.Rejected.Select(r => r.Index).Should().Equal(1, 2, 3, 4);
        result.Rejected.Select(r => r.Errors.Keys.Order(StringComparer.Ordinal)).Should().BeEquivalentTo(new[]
        {
            new[] { "sku" }, ["distributorId", "month", "opening", "productId"], ["closing", "distributor", "month"], ["month", "sales"],
        }, o => o.WithStrictOrdering());
        result.Rejected.SelectMany(r => r.Errors.Values).Should().OnlyContain(messages => messages.Length > 0 && messages.All(m => m.Length > 0));
        (await rep.Rows($"customerId={distributor.Id}")).Items.Should().HaveCount(2);

        // Sent again (a retry), the good rows replace themselves: nothing is stored twice.
        var again = await rep.Reported(batch);
        (again.Accepted, again.Replaced, again.Rejected.Count).Should().Be((2, 2, 4));
        (await rep.Rows($"customerId={distributor.Id}")).Items.Should().HaveCount(2);

        // Not one good row: a 400 with the errors per row and field, as before.
        var response = await rep.Report(batch[1..5]);
        await response.ShouldBe(400);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "rows[0].sku", "rows[1].distributorId", "rows[1].productId", "rows[1].month", "rows[1].opening",
                     "rows[2].distributor", "rows[2].month", "rows[2].closing", "rows[3].month", "rows[3].sales" })
            body.Should().Contain($"\"{field}\"");
        await (await rep.PostAsJsonAsync("/api/sell-through", new { rows = new object?[] { null } }, ApiHelpers.Json)).ShouldBe(400);

        await (await rep.Report()).ShouldBe(400);
        await (await rep.PostAsJsonAsync("/api/sell-through", new { rows = (object?)null })).ShouldBe(400);
        var tooMany = Enumerable.Repeat(SellThroughData.Row(distributor.Id, products[0].Id, "2026-11", 1, 1, 1, 1), 5001).ToArray();
        await (await rep.Report(tooMany)).ShouldBe(400);
        await (await rep.GetAsync("/api/sell-through?from=garbage")).ShouldBe(400);
        await (await rep.GetAsync("/api/sell-through?limit=0")).ShouldBe(400);
    }

    [Fact]
    public async Task A_distributor_is_named_by_customer_code_credit_code_or_name_in_any_case_and_width_and_an_ambiguous_name_is_refused_naming_the_candidates()
    {
        var (_, rep, _) = await People();
        var products = await app.NewProducts(1);
        var code = ApiHelpers.Unique("ERP");
        var byCode = await Keqing.Tests.Customers.CustomerApiTests.Create(rep, new { kind = "organization", name = ApiHelpers.Unique("编码") + "医药有限公司", externalId = code }, duplicatesConfirmed: true);
        var creditCode = Keqing.Tests.Imports.SalesDataImportTests.NewCreditCode();
        var byCreditCode = await Keqing.Tests.Customers.CustomerApiTests.Create(rep, new { kind = "organization", name = ApiHelpers.Unique("信用") + "医药有限公司", creditCode }, duplicatesConfirmed: true);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var chinese = await rep.NewDistributor($"明远{tag}贸易（上海）有限公司");
        var twinName = $"同名{tag}医药有限公司";
        var (twinA, twinB) = (await rep.NewDistributor(twinName), await rep.NewDistributor(twinName));
        object Named(string distributor) => new { distributor, productId = products[0].Id, month = "2026-10", opening = 1, purchases = 1, sales = 1, closing = 1 };

        var result = await rep.Reported(Named(code), Named(creditCode.ToLowerInvariant()), Named($" 明远{tag.ToUpperInvariant()}贸易(上海)有限公司　"), Named(twinName));
        result.Accepted.Should().Be(3);
        var ambiguous = result.Rejected.Should().ContainSingle().Subject;
        ambiguous.Index.Should().Be(3);
        ambiguous.Errors["distributor"].Should().ContainSingle().Which.Should().Contain(twinA.Id.ToString()).And.Contain(twinB.Id.ToString());
        foreach (var found in new[] { byCode, byCreditCode, chinese })
            (await rep.Rows($"customerId={found.Id}")).Items.Should().ContainSingle();
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
