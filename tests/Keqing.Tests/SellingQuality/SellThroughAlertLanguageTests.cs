using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Products;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellingQuality;

/// <summary>
/// A sell-through alert's task is written in its owner's language (the one their notifications use), not the company's,
/// on both providers; the clock at 2026-11-24, so the scan looks at 2026-10.
/// </summary>
public abstract class SellThroughAlertLanguageTests(ClockedKeqingApp app)
{
    private async Task FallingSales(Guid distributorId, Guid product)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        db.AddRange(new[] { (202607, 100L), (202608, 80L), (202609, 60L), (202610, 40L) }.Select(r => new SellThroughRow
        {
            DistributorId = distributorId, ProductId = product, Month = r.Item1, Opening = 0, Purchases = r.Item2 + 10,
            Sales = r.Item2, Closing = 10, Balanced = true, Source = SellThroughSource.Api, ReportedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_alert_task_is_titled_in_each_owners_language()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var english = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var chinese = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        await (await english.PutWithVersion("/api/me/notification-preferences", 0, new { culture = "en" })).ShouldBe(200);
        var (englishDistributor, chineseDistributor) = (await english.NewCustomer(), await chinese.NewCustomer());
        var product = await admin.NewProduct();
        await FallingSales(englishDistributor.Id, product.Id);
        await FallingSales(chineseDistributor.Id, product.Id);

        (await app.Services.GetRequiredService<SellThroughAlertJob>().RunDueAsync(default)).Should().BeGreaterThanOrEqualTo(2);

        async Task<TaskDto> TaskOf(HttpClient owner, Guid distributorId)
        {
            var alert = (await (await owner.GetAsync($"/api/sell-through/alerts?from=2026-10&customerId={distributorId}")).Read<List<SellThroughAlertDto>>())
                .Should().ContainSingle().Subject;
            return await (await owner.GetAsync($"/api/tasks/{alert.TaskId}")).Read<TaskDto>();
        }
        var englishTask = await TaskOf(english, englishDistributor.Id);
        englishTask.Title.Should().Be($"Sell-out falling: {englishDistributor.Name} · {product.Name}");
        englishTask.Notes.Should().StartWith($"{englishDistributor.Name}: sales of");
        (await TaskOf(chinese, chineseDistributor.Id)).Title.Should().Be($"动销下滑：{chineseDistributor.Name} · {product.Name}");
    }
}

public sealed class SellThroughAlertLanguageTestsOnSqlite(SqliteClockedApp app) : SellThroughAlertLanguageTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SellThroughAlertLanguageTestsOnPostgres(PostgresClockedApp app) : SellThroughAlertLanguageTests(app), IClassFixture<PostgresClockedApp>;
