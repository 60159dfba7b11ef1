using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// "Check now" (<c>POST /api/sell-through/alerts/scan</c>) on both providers, the clock at 2026-11-24 (the scan looks at
/// 2026-10): a manager runs the job's own scan, the falling sell-out alert and the owner's task are there at once, a
/// second check raises nothing new, and only managers and admins may run it.
/// </summary>
public abstract class SellThroughScanNowApiTests(ClockedKeqingApp app)
{
    [Fact]
    public async Task A_manager_checks_now_the_alert_and_its_task_are_there_and_a_second_check_raises_nothing_new()
    {
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var (manager, rep) = (await app.ClientFor(managerUser.Email), await app.ClientFor(repUser.Email));
        var distributor = await rep.NewCustomer();
        var product = Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.AddRange(new[] { (202607, 100L), (202608, 80L), (202609, 60L), (202610, 40L) }.Select(m => new SellThroughRow
            {
                DistributorId = distributor.Id, ProductId = product, Month = m.Item1, Opening = 0, Purchases = m.Item2 + 10, Sales = m.Item2,
                Closing = 10, Balanced = true, Source = SellThroughSource.Api, ReportedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        var first = await manager.PostAsync("/api/sell-through/alerts/scan", null);
        await first.ShouldBe(200);
        (await first.Read<SellThroughScanResult>()).Raised.Should().BeGreaterThanOrEqualTo(1);
        var alert = (await (await manager.GetAsync($"/api/sell-through/alerts?customerId={distributor.Id}")).Read<List<SellThroughAlertDto>>())
            .Should().ContainSingle().Subject;
        (alert.Kind, alert.ProductId, alert.Month, alert.OwnerId).Should().Be((SellThroughAlertKind.FallingSales, product, "2026-10", repUser.Id));
        await (await rep.GetAsync($"/api/tasks/{alert.TaskId}")).ShouldBe(200);

        var second = await admin.PostAsync("/api/sell-through/alerts/scan", null);
        await second.ShouldBe(200);
        (await second.Read<SellThroughScanResult>()).Raised.Should().Be(0);
        (await (await manager.GetAsync($"/api/sell-through/alerts?customerId={distributor.Id}")).Read<List<SellThroughAlertDto>>()).Should().ContainSingle();
    }

    [Theory]
    [InlineData(Roles.SalesRep)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Marketer)]
    public async Task Only_managers_and_admins_may_check_now(string role)
    {
        var admin = await app.AdminClient();
        var client = await app.ClientFor((await admin.CreateUser(role)).Email);
        await (await client.PostAsync("/api/sell-through/alerts/scan", null)).ShouldBe(403);
    }
}

public sealed class SellThroughScanNowApiTestsOnSqlite(SqliteClockedApp app) : SellThroughScanNowApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SellThroughScanNowApiTestsOnPostgres(PostgresClockedApp app) : SellThroughScanNowApiTests(app), IClassFixture<PostgresClockedApp>;
