using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Features;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// The analytics' set-based SQL on both providers, on histories the simple cases do not reach: the heat map's cells
/// (products with one, two or three months of sales in the window, one not reported in the month, one outside the
/// catalogue, stock with no sales) and the alert scan's single grouped read (one product both falling and piling, a
/// product with only the month, a gap, a tie, a distributor gone silent). Months in 2024, which no other test uses.
/// </summary>
public abstract class SellThroughAnalyticsSqlTests(ClockedKeqingApp app)
{
    private Task Rows(params (Guid Distributor, Guid Product, int Month, long Sales, long Closing)[] rows) => Rows(false, rows);

    private async Task Rows(bool deferSummary, params (Guid Distributor, Guid Product, int Month, long Sales, long Closing)[] rows)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        // Through the one write path, which keeps the heat map's cells.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<SellThroughUpsert>().Write(rows.Select(r =>
            new SellThroughFigures(r.Distributor, r.Product, r.Month, 0, r.Sales + r.Closing, r.Sales, r.Closing)).ToList(), SellThroughSource.Api, null, default,
            deferSummary);
        await transaction.CommitAsync();
    }

    private async Task<(Guid A, Guid B, Guid[] InA, Guid[] InB, Guid Loose)> Catalogue()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var (a, b) = (new ProductCategory { Name = ApiHelpers.Unique("片剂") }, new ProductCategory { Name = ApiHelpers.Unique("注射剂") });
        var now = DateTime.UtcNow;
        Product New(Guid? category) => new()
        {
            Sku = ApiHelpers.Unique("SKU"), Name = ApiHelpers.Unique("药品"), Unit = "盒", CategoryId = category,
            ListPrice = Money.Of(10m), Cost = Money.Of(5m), CreatedAt = now, UpdatedAt = now,
        };
        var products = new[] { New(a.Id), New(a.Id), New(b.Id), New(b.Id), New(null) };
        db.AddRange(a, b);
        db.AddRange(products);
        await db.SaveChangesAsync();
        return (a.Id, b.Id, [products[0].Id, products[1].Id], [products[2].Id, products[3].Id], products[4].Id);
    }

    [Fact]
    public void The_postgres_upsert_fills_every_column_of_the_rows_table()
    {
        using var scope = app.Services.CreateScope();
        var entity = scope.ServiceProvider.GetRequiredService<KeqingDb>().Model.FindEntityType(typeof(SellThroughRow))!;
        Assert.Equal(entity.GetProperties().Select(p => p.GetColumnName()).Order(), SellThroughUpsert.PostgresColumns.Order());
    }

    [Fact]
    public async Task Heat_map_cells_add_closing_stock_and_each_products_average_of_its_reported_months()
    {
        var admin = await app.AdminClient();
        var (d, e) = (await admin.NewDistributor(), await admin.NewDistributor());
        var (a, b, inA, inB, loose) = await Catalogue();
        var outside = Guid.NewGuid(); // reported, but not in the catalogue: no category
        await Rows(
            // D × A: 120 + 40 in stock over an average of 60 (three months) + 10 (one month; March is outside the window).
            (d.Id, inA[0], 202404, 30, 0), (d.Id, inA[0], 202405, 60, 0), (d.Id, inA[0], 202406, 90, 120),
            (d.Id, inA[1], 202403, 1000, 0), (d.Id, inA[1], 202406, 10, 40),
            // D × B: 50 over an average of 10 (two months); the other product did not report June and does not count.
            (d.Id, inB[0], 202405, 20, 0), (d.Id, inB[0], 202406, 0, 50), (d.Id, inB[1], 202405, 5, 500),
            // D × no category: 30 with no sales, 9 over an average of 30 (April and June).
            (d.Id, loose, 202406, 0, 30), (d.Id, outside, 202404, 30, 0), (d.Id, outside, 202406, 30, 9),
            // E: no stock at all in A; stock and no sales in B.
            (e.Id, inA[0], 202406, 0, 0), (e.Id, inB[0], 202405, 0, 3), (e.Id, inB[0], 202406, 0, 7));

        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        var map = await (await analyst.GetAsync("/api/sell-through/heatmap?month=2024-06")).Read<SellThroughHeatmapDto>();
        map.Cells.Where(c => c.DistributorId == d.Id || c.DistributorId == e.Id).Should().BeEquivalentTo([
            new HeatmapCellDto(d.Id, a, 160, 2.29m, false, StockLevels.Watch),
            new HeatmapCellDto(d.Id, b, 50, 5m, false, StockLevels.Over),
            new HeatmapCellDto(d.Id, null, 39, 1.3m, false, StockLevels.Watch),
            new HeatmapCellDto(e.Id, a, 0, 0m, false, StockLevels.Ok),
            new HeatmapCellDto(e.Id, b, 7, null, true, StockLevels.Over),
        ]);
        map.Categories.Select(c => c.Id).Should().Contain([a, b]);
        map.Distributors.Select(x => x.Id).Should().Contain([d.Id, e.Id]);
        (await (await analyst.GetAsync("/api/sell-through/heatmap?month=2024-02")).Read<SellThroughHeatmapDto>()).Cells
            .Should().NotContain(c => c.DistributorId == d.Id, "nothing was reported in the window");
    }

    [Fact]
    public async Task Months_an_import_left_marked_are_recomputed_when_the_heat_map_is_read()
    {
        var admin = await app.AdminClient();
        var d = await admin.NewDistributor();
        var (a, _, inA, _, _) = await Catalogue();
        // As an import's batches write (the import recomputes the marked months at its end; this one "stopped" before).
        await Rows(deferSummary: true, (d.Id, inA[0], 202307, 30, 0), (d.Id, inA[0], 202308, 60, 0), (d.Id, inA[0], 202309, 90, 120));
        (await Pending(d.Id)).Should().Be(3);

        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        var map = await (await analyst.GetAsync("/api/sell-through/heatmap?month=2023-09")).Read<SellThroughHeatmapDto>();
        map.Cells.Where(c => c.DistributorId == d.Id).Should().BeEquivalentTo([new HeatmapCellDto(d.Id, a, 120, 2m, false, StockLevels.Watch)]);
        (await Pending(d.Id)).Should().Be(0);
    }

    private async Task<int> Pending(Guid distributorId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<SellThroughSummaryPending>().CountAsync(p => p.DistributorId == distributorId);
    }

    [Fact]
    public async Task The_scan_finds_falling_and_piling_in_one_read_and_who_fell_silent_after_the_reporting_day()
    {
        var (f, g) = (Guid.NewGuid(), Guid.NewGuid());
        var (p1, p2, p3, p4) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Rows(
            // Falling four months, and 100 in stock over an average of 20: both.
            (f, p1, 202406, 40, 0), (f, p1, 202407, 30, 0), (f, p1, 202408, 20, 0), (f, p1, 202409, 10, 100),
            // Only September: 10 over 1.
            (f, p2, 202409, 1, 10),
            // July missing: not falling; no stock.
            (f, p3, 202406, 40, 0), (f, p3, 202408, 20, 0), (f, p3, 202409, 10, 0),
            // A tie is no fall; 10 over an average of 23⅓ is well within the limit.
            (f, p4, 202406, 40, 0), (f, p4, 202407, 30, 0), (f, p4, 202408, 30, 0), (f, p4, 202409, 10, 10),
            // Reported August, not September.
            (g, p1, 202408, 5, 5));

        using var scope = app.Services.CreateScope();
        var scan = scope.ServiceProvider.GetRequiredService<ScanSellThroughAlerts>();
        var hits = (await scan.Find(202409, 3m, reportingDayPassed: true, default)).Where(h => h.DistributorId == f || h.DistributorId == g);
        hits.Should().BeEquivalentTo([
            new ScanSellThroughAlerts.Hit(f, p1, SellThroughAlertKind.FallingSales, null),
            new ScanSellThroughAlerts.Hit(f, p1, SellThroughAlertKind.StockPiling, 5m),
            new ScanSellThroughAlerts.Hit(f, p2, SellThroughAlertKind.StockPiling, 10m),
            new ScanSellThroughAlerts.Hit(g, Guid.Empty, SellThroughAlertKind.NotReported, null),
        ]);
        (await scan.Find(202409, 3m, reportingDayPassed: false, default)).Should().NotContain(h => h.DistributorId == g);
        (await scan.Find(202409, 5m, reportingDayPassed: false, default)).Where(h => h.DistributorId == f)
            .Should().BeEquivalentTo([
                new ScanSellThroughAlerts.Hit(f, p1, SellThroughAlertKind.FallingSales, null),
                new ScanSellThroughAlerts.Hit(f, p2, SellThroughAlertKind.StockPiling, 10m),
            ], "5 months is not above a limit of 5");
    }
}

public sealed class SellThroughAnalyticsSqlTestsOnSqlite(SqliteClockedApp app) : SellThroughAnalyticsSqlTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SellThroughAnalyticsSqlTestsOnPostgres(PostgresClockedApp app) : SellThroughAnalyticsSqlTests(app), IClassFixture<PostgresClockedApp>;
