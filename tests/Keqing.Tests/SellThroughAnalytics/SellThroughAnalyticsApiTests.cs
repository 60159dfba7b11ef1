using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Features;
using Keqing.Modules.SellThrough.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.SellThrough;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellThroughAnalytics;

/// <summary>
/// Sell-through analytics through the HTTP host on both providers, the clock at 2026-11-24 (so the scan looks at
/// 2026-10): a distributor × product's trend with months of stock and flags, the heat map by category, the alert scan
/// (each alert once, a task and notifications to the owner and their manager), who sees what, and the alert limits.
/// The alert limit is 4.5 months wherever a test depends on it (the settings test sets it to that).
/// </summary>
public abstract class SellThroughAnalyticsApiTests(ClockedKeqingApp app)
{
    private const decimal Limit = 4.5m;

    private async Task Rows(params (Guid Distributor, Guid Product, int Month, long Sales, long Closing)[] rows)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        // Through the one write path, which keeps the heat map's cells.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<SellThroughUpsert>().Write(rows.Select(r =>
            new SellThroughFigures(r.Distributor, r.Product, r.Month, 0, r.Sales + r.Closing, r.Sales, r.Closing)).ToList(), SellThroughSource.Api, null, default);
        await transaction.CommitAsync();
    }

    private async Task SetLimit()
    {
        var admin = await app.AdminClient();
        var current = await (await admin.GetAsync("/api/sell-through/settings")).Read<SellThroughSettingsDto>();
        if (current.MonthsOfStockLimit == Limit) return;
        await (await admin.PutWithVersion("/api/sell-through/settings", current.Version, new { monthsOfStockLimit = Limit, reportingDay = 20 })).ShouldBe(200);
    }

    private async Task<(HttpClient Rep, UserDto RepUser, HttpClient Manager, UserDto ManagerUser, HttpClient OtherRep, HttpClient Admin)> People()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var other = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        return (await app.ClientFor(repUser.Email), repUser, await app.ClientFor(managerUser.Email), managerUser, await app.ClientFor(other.Email), admin);
    }

    [Fact]
    public async Task A_trend_shows_months_of_stock_and_the_flags_to_those_who_may_see_the_distributor()
    {
        await SetLimit();
        var (rep, _, manager, _, otherRep, admin) = await People();
        var distributor = await rep.NewCustomer();
        var product = Guid.NewGuid();
        await Rows((distributor.Id, product, 202607, 100, 50), (distributor.Id, product, 202608, 80, 100),
            (distributor.Id, product, 202609, 60, 150), (distributor.Id, product, 202610, 40, 300));
        var url = $"/api/sell-through/trend?customerId={distributor.Id}&productId={product}&from=2026-06&to=2026-10";

        var trend = await (await rep.GetAsync(url)).Read<SellThroughTrendDto>();
        trend.Months.Select(m => m.Month).Should().Equal("2026-07", "2026-08", "2026-09", "2026-10");
        trend.Months[0].MonthsOfStock.Should().Be(0.5m, "50 ÷ 100");
        trend.Months[1].MonthsOfStock.Should().Be(1.11m, "100 ÷ average(100, 80)");
        trend.Months[3].MonthsOfStock.Should().Be(5m, "300 ÷ average(40, 60, 80)");
        trend.Months.Select(m => m.FallingSales).Should().Equal(false, false, false, true);
        trend.Months.Select(m => m.AboveLimit).Should().Equal(false, false, false, true);
        trend.MonthsOfStockLimit.Should().Be(Limit);

        await (await manager.GetAsync(url)).ShouldBe(200);
        await (await admin.GetAsync(url)).ShouldBe(200);
        await (await otherRep.GetAsync(url)).ShouldBe(404);
        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        await (await analyst.GetAsync(url)).ShouldBe(200);

        var bad = await rep.GetAsync($"/api/sell-through/trend?customerId={distributor.Id}&from=2026-13");
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("productId").And.Contain("from");
        await (await rep.GetAsync($"/api/sell-through/trend?customerId={distributor.Id}&productId={product}&from=2000-01&to=2026-10")).ShouldBe(400);
        await (await rep.GetAsync($"/api/sell-through/trend?customerId={Guid.NewGuid()}&productId={product}")).ShouldBe(404);
    }

    [Fact]
    public async Task The_scan_raises_each_alert_once_with_a_task_per_distributor_and_one_notification_per_person_and_reps_see_only_their_distributors_alerts()
    {
        await SetLimit();
        var (rep, repUser, manager, managerUser, otherRep, admin) = await People();
        var falling = await rep.NewCustomer();
        var silent = await rep.NewCustomer();
        var piling = await otherRep.NewCustomer();
        var (p1, p2, p3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Rows((falling.Id, p1, 202607, 100, 10), (falling.Id, p1, 202608, 80, 10), (falling.Id, p1, 202609, 60, 10), (falling.Id, p1, 202610, 40, 10),
            (falling.Id, p3, 202607, 90, 10), (falling.Id, p3, 202608, 70, 10), (falling.Id, p3, 202609, 50, 10), (falling.Id, p3, 202610, 30, 10),
            (piling.Id, p2, 202608, 10, 100), (piling.Id, p2, 202609, 10, 100), (piling.Id, p2, 202610, 10, 100),
            (silent.Id, p1, 202609, 5, 5));

        var job = app.Services.GetRequiredService<SellThroughAlertJob>();
        (await job.RunDueAsync(default)).Should().BeGreaterThanOrEqualTo(3);
        (await job.RunDueAsync(default)).Should().Be(0, "each alert is raised once");

        async Task<List<SellThroughAlertDto>> Alerts(HttpClient client, string query = "") =>
            [.. await (await client.GetAsync($"/api/sell-through/alerts?from=2026-10{query}")).Read<List<SellThroughAlertDto>>()];
        var mine = await Alerts(rep);
        mine.Select(a => (a.CustomerId, a.Kind)).Should().BeEquivalentTo([(falling.Id, SellThroughAlertKind.FallingSales),
            (falling.Id, SellThroughAlertKind.FallingSales), (silent.Id, SellThroughAlertKind.NotReported)]);
        mine.Should().OnlyContain(a => a.Month == "2026-10" && a.OwnerId == repUser.Id && a.TaskId != null);
        mine.Single(a => a.Kind == SellThroughAlertKind.NotReported).ProductId.Should().BeNull();
        var theirs = (await Alerts(otherRep)).Should().ContainSingle().Subject;
        (theirs.CustomerId, theirs.Kind, theirs.MonthsOfStock).Should().Be((piling.Id, SellThroughAlertKind.StockPiling, 10m));
        (await Alerts(manager)).Select(a => a.CustomerId).Should().BeEquivalentTo([falling.Id, falling.Id, silent.Id]);
        (await Alerts(admin)).Select(a => a.CustomerId).Should().Contain([falling.Id, silent.Id, piling.Id]);
        (await Alerts(rep, $"&kind=not-reported&customerId={silent.Id}")).Should().ContainSingle();
        await (await rep.GetAsync("/api/sell-through/alerts?kind=bogus")).ShouldBe(400);
        await (await rep.GetAsync("/api/sell-through/alerts?limit=0")).ShouldBe(400);

        // One task per distributor, the owner's, on the distributor: the two falling products share one that lists both.
        var fallingTasks = mine.Where(a => a.CustomerId == falling.Id).Select(a => a.TaskId!.Value).Distinct().ToList();
        fallingTasks.Should().ContainSingle();
        var task = await (await rep.GetAsync($"/api/tasks/{fallingTasks[0]}")).Read<TaskDto>();
        (task.Title.Contains(falling.Name) && task.Title.Contains('2')).Should().BeTrue(task.Title);
        task.Notes!.Split('\n').Should().HaveCount(2);
        mine.Single(a => a.CustomerId == silent.Id).TaskId.Should().NotBe(fallingTasks[0]);
        // The owner and their manager were told once each, with a digest pointing to the alert list.
        foreach (var client in new[] { rep, manager })
        {
            var inbox = await (await client.GetAsync("/api/notifications?limit=50")).Read<Page<NotificationDto>>();
            inbox.Items.Where(n => n.EventType == EventTypes.SellThroughAlert).Should().ContainSingle()
                .Which.Link.Should().Be("/sell-through/alerts");
        }
        _ = managerUser;
    }

    [Fact]
    public async Task The_heat_map_gives_months_of_stock_by_distributor_and_category_to_analysts_only()
    {
        var (rep, _, _, _, _, admin) = await People();
        var distributor = await rep.NewCustomer();
        Guid category, categorised, loose;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var c = new ProductCategory { Name = ApiHelpers.Unique("饮料") };
            var now = DateTime.UtcNow;
            Product New(Guid? cat) => new()
            {
                Sku = ApiHelpers.Unique("SKU"), Name = ApiHelpers.Unique("产品"), Unit = "箱", CategoryId = cat,
                ListPrice = Money.Of(10m), Cost = Money.Of(5m), CreatedAt = now, UpdatedAt = now,
            };
            var (a, b) = (New(c.Id), New(null));
            db.AddRange(c, a, b);
            await db.SaveChangesAsync();
            (category, categorised, loose) = (c.Id, a.Id, b.Id);
        }
        await Rows((distributor.Id, categorised, 202501, 10, 40), (distributor.Id, categorised, 202502, 20, 40), (distributor.Id, categorised, 202503, 30, 40),
            (distributor.Id, loose, 202503, 5, 0));

        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        var map = await (await analyst.GetAsync("/api/sell-through/heatmap?month=2025-03")).Read<SellThroughHeatmapDto>();
        map.Month.Should().Be("2025-03");
        map.Distributors.Should().Contain(new NamedDto(distributor.Id, distributor.Name));
        map.Categories.Should().Contain(c => c.Id == category);
        var cells = map.Cells.Where(c => c.DistributorId == distributor.Id).ToList();
        cells.Single(c => c.CategoryId == category).Should().Be(new HeatmapCellDto(distributor.Id, category, 40, 2m, false, StockLevels.Watch));
        cells.Single(c => c.CategoryId == null).Should().Be(new HeatmapCellDto(distributor.Id, null, 0, 0m, false, StockLevels.Ok));

        await (await rep.GetAsync("/api/sell-through/heatmap?month=2025-03")).ShouldBe(403);
        await (await analyst.GetAsync("/api/sell-through/heatmap?month=March")).ShouldBe(400);
    }

    [Fact]
    public async Task The_heat_map_follows_reports_sent_through_the_api_a_later_month_and_a_correction_of_an_earlier_one()
    {
        var (rep, _, _, _, _, admin) = await People();
        var distributor = await rep.NewCustomer();
        Guid category, categorised, loose;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var c = new ProductCategory { Name = ApiHelpers.Unique("乳制品") };
            var now = DateTime.UtcNow;
            Product New(Guid? cat) => new()
            {
                Sku = ApiHelpers.Unique("SKU"), Name = ApiHelpers.Unique("产品"), Unit = "箱", CategoryId = cat,
                ListPrice = Money.Of(10m), Cost = Money.Of(5m), CreatedAt = now, UpdatedAt = now,
            };
            var (a, b) = (New(c.Id), New(null));
            db.AddRange(c, a, b);
            await db.SaveChangesAsync();
            (category, categorised, loose) = (c.Id, a.Id, b.Id);
        }
        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst)).Email);
        async Task<List<(Guid?, long, decimal?)>> Cells(string month) =>
            (await (await analyst.GetAsync($"/api/sell-through/heatmap?month={month}")).Read<SellThroughHeatmapDto>()).Cells
            .Where(c => c.DistributorId == distributor.Id).Select(c => (c.CategoryId, c.Closing, c.MonthsOfStock)).ToList();

        // May: 80 in stock over sales of 20.
        await rep.Reported(SellThroughData.Row(distributor.Id, categorised, "2023-05", 0, 100, 20, 80));
        (await Cells("2023-05")).Should().BeEquivalentTo([((Guid?)category, 80L, (decimal?)4m)]);

        // June: 40 over the average of May and June (30); a product without a category in its own cell.
        await rep.Reported(SellThroughData.Row(distributor.Id, categorised, "2023-06", 80, 0, 40, 40),
            SellThroughData.Row(distributor.Id, loose, "2023-06", 0, 15, 5, 10));
        (await Cells("2023-06")).Should().BeEquivalentTo([((Guid?)category, 40L, (decimal?)1.33m), ((Guid?)null, 10L, (decimal?)2m)]);

        // May corrected to sales of 60: May's cell and June's average (50) follow.
        await rep.Reported(SellThroughData.Row(distributor.Id, categorised, "2023-05", 0, 140, 60, 80));
        (await Cells("2023-05")).Should().BeEquivalentTo([((Guid?)category, 80L, (decimal?)1.33m)]);
        (await Cells("2023-06")).Should().BeEquivalentTo([((Guid?)category, 40L, (decimal?)0.8m), ((Guid?)null, 10L, (decimal?)2m)]);
        (await Cells("2023-07")).Should().BeEmpty("nothing was reported in July");
    }

    [Fact]
    public async Task Alert_limits_are_checked_versioned_and_only_for_admins()
    {
        await SetLimit();
        var (rep, _, manager, _, _, admin) = await People();
        var response = await admin.GetAsync("/api/sell-through/settings");
        var current = await response.Read<SellThroughSettingsDto>();
        current.MonthsOfStockLimit.Should().Be(Limit);
        await (await rep.GetAsync("/api/sell-through/settings")).ShouldBe(200);

        await (await manager.PutWithVersion("/api/sell-through/settings", current.Version, new { monthsOfStockLimit = 5m, reportingDay = 20 })).ShouldBe(403);
        var bad = await admin.PutWithVersion("/api/sell-through/settings", current.Version, new { monthsOfStockLimit = 0m, reportingDay = 31 });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("monthsOfStockLimit").And.Contain("reportingDay");
        await (await admin.PutWithVersion("/api/sell-through/settings", current.Version + 7, new { monthsOfStockLimit = Limit, reportingDay = 20 })).ShouldBe(412);
        // A changed day (21: the scans at day 24 still look for missing reports); the same values again would change nothing.
        var saved = await (await admin.PutWithVersion("/api/sell-through/settings", current.Version, new { monthsOfStockLimit = Limit, reportingDay = current.ReportingDay == 21 ? 20 : 21 })).Read<SellThroughSettingsDto>();
        saved.Version.Should().Be(current.Version + 1);
    }
}

public sealed class SellThroughAnalyticsApiTestsOnSqlite(SqliteClockedApp app) : SellThroughAnalyticsApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SellThroughAnalyticsApiTestsOnPostgres(PostgresClockedApp app) : SellThroughAnalyticsApiTests(app), IClassFixture<PostgresClockedApp>;
