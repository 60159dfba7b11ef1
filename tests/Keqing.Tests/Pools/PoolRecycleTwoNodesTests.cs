using Keqing.Infrastructure.Data;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Jobs;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// Two app nodes on one PostgreSQL database run the recycle job at the same instant, twice: every overdue customer
/// moves once (one history row, one timeline entry), the moves add up to the overdue customers, and the runs after
/// that move nothing.
/// </summary>
public sealed class PoolRecycleTwoNodesTests(PostgresClockedApp app) : IClassFixture<PostgresClockedApp>
{
    [Fact]
    public async Task Two_nodes_running_the_job_at_once_move_each_customer_once_and_then_nothing()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 10, notice: 0)]);
        var ids = new List<Guid>();
        for (var i = 0; i < 25; i++) ids.Add(await world.Customer(20 + i));
        await using var second = new SecondNode(app);
        _ = second.Server;

        var firstJob = app.Services.GetRequiredService<PoolRecycleJob>();
        var secondJob = second.Services.GetRequiredService<PoolRecycleJob>();
        var runs = await Task.WhenAll(firstJob.RunDueAsync(default), secondJob.RunDueAsync(default));
        runs.Where(r => r is not null).Sum(r => r!.Moved).Should().Be(25);
        foreach (var id in ids)
        {
            (await world.Moves(id)).Should().ContainSingle().Which.Kind.Should().Be(MoveKind.Recycled);
            (await world.PoolTimelineEntries(id)).Should().Be(1);
            (await world.OwnerOf(id)).Should().Be(Guid.Empty);
        }

        var again = await Task.WhenAll(firstJob.RunDueAsync(default), secondJob.RunDueAsync(default));
        again.Where(r => r is not null).Sum(r => r!.Moved).Should().Be(0);
        (await world.Db(db => db.Set<PoolMove>().CountAsync(m => ids.Contains(m.CustomerId)))).Should().Be(25);
    }

    /// <summary>Another app node on the same database and the same clock.</summary>
    private sealed class SecondNode(ClockedKeqingApp first) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Keqing:Database:Provider", DatabaseOptions.Postgres);
            builder.UseSetting("ConnectionStrings:Keqing", first.ConnectionString);
            builder.UseSetting("KEQING_ADMIN_PASSWORD", KeqingApp.AdminPassword);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Keqing:Jobs:Enabled", "false");
            builder.UseSetting("Keqing:Outbox:Enabled", "false");
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(first.Clock));
        }
    }
}
