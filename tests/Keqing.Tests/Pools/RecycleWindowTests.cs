using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// The recycle job's "since the last run" window (issue 17's speed) on both providers, with the clock moving: a run
/// looks for customers without a state row only among those created or changed since the run before (by their
/// <c>UpdatedAt</c>), and once a day among all of them; a follow-up after a run keeps its customer; the owners warned in
/// one run get one notification each through their own channels.
/// </summary>
public abstract class RecycleWindowTests(ClockedKeqingApp app)
{
    private async Task Run() => (await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default)).Should().NotBeNull();

    private static Task<RecycleRun> LastRun(PoolWorld world) =>
        world.Db(db => db.Set<RecycleRun>().AsNoTracking().OrderByDescending(r => r.At).FirstAsync());

    /// <summary>A new world a day after whatever ran before, so that the test's first run is the daily sweep.</summary>
    private async Task<PoolWorld> World(int followUp = 30, int notice = 0)
    {
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        return await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: followUp, notice: notice)]);
    }

    private async Task SweepRun(PoolWorld world)
    {
        await Run();
        (await LastRun(world)).Swept.Should().BeTrue();
    }

    private async Task WindowRun(PoolWorld world)
    {
        await Run();
        (await LastRun(world)).Swept.Should().BeFalse();
    }

    /// <summary>Stamps the customer as changed now (what creating, importing or restoring it does).</summary>
    private static Task Touch(PoolWorld world, Guid customerId) =>
        world.Db(db => db.Set<Customer>().Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, world.Now)));

    [Fact]
    public async Task A_customer_written_after_a_run_with_an_old_creation_time_is_found_by_the_next_run_without_a_sweep()
    {
        var world = await World();
        await SweepRun(world);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        // Imported with its history: created 40 days ago by its own record, written now.
        var imported = await world.Customer(40);
        await Touch(world, imported);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        await WindowRun(world);

        var state = await world.State(imported);
        state!.PoolId.Should().Be(world.Pool.Id);
        state.Reason.Should().Be(MoveReasons.NoFollowUp);
        (await world.OwnerOf(imported)).Should().Be(Guid.Empty);
        (await world.Moves(imported)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_customer_restored_from_the_archive_after_a_run_is_found_by_the_next_run()
    {
        var world = await World();
        var archived = await world.Customer(40);
        var admin = await app.AdminClient();
        await (await admin.DeleteAsync($"/api/customers/{archived}")).ShouldBe(204);
        await SweepRun(world);
        (await world.State(archived)).Should().BeNull();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await admin.PostAsync($"/api/customers/{archived}/restore", null)).ShouldBe(200);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await WindowRun(world);

        (await world.State(archived))!.PoolId.Should().Be(world.Pool.Id);
        (await world.OwnerOf(archived)).Should().Be(Guid.Empty);
    }

    [Fact]
    public async Task A_row_written_behind_the_windows_back_is_found_by_the_daily_sweep()
    {
        var world = await World();
        await SweepRun(world);
        app.Clock.Advance(TimeSpan.FromHours(3));
        // Written straight into the table with its old change time (as a raw load would): outside any window.
        var hidden = await world.Customer(40);
        var created = world.Now.AddDays(-40);
        await world.Db(db => db.Set<Customer>().Where(c => c.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, created)));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await WindowRun(world);
        (await world.State(hidden)).Should().BeNull();
        (await world.OwnerOf(hidden)).Should().Be(world.Rep.Id);

        app.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromHours(4));
        await SweepRun(world);
        (await world.State(hidden))!.PoolId.Should().Be(world.Pool.Id);
        (await world.Moves(hidden)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_customer_followed_up_after_a_run_stays_though_its_stored_clock_says_it_is_due()
    {
        var world = await World();
        var customer = await world.Customer(29.5);
        await SweepRun(world);
        var created = world.Now.AddDays(-29.5);
        (await world.State(customer))!.FollowUpFrom.Should().Be(created);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var call = world.Now;
        await world.Db(async db =>
        {
            db.Add(new Interaction
            {
                CustomerId = customer, Channel = InteractionChannel.Call, Direction = InteractionDirection.Outbound, OccurredAt = call,
                Subject = "电话回访", UserId = world.Rep.Id, TeamId = world.Rep.TeamId, CreatedAt = call, UpdatedAt = call,
            });
            return await db.SaveChangesAsync();
        });
        // 30 days and an hour since it was created: due by the clock stored at the last run, not by the truth.
        app.Clock.Advance(TimeSpan.FromHours(12));
        await WindowRun(world);

        var state = await world.State(customer);
        state!.PoolId.Should().BeNull();
        state.FollowUpFrom.Should().Be(call);
        (await world.OwnerOf(customer)).Should().Be(world.Rep.Id);
        (await world.Moves(customer)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_owners_warned_in_one_run_get_one_notification_each_through_their_own_channels()
    {
        var world = await World(followUp: 30, notice: 5);
        var rep2 = await world.As(world.Rep2);
        var preferences = (await rep2.GetFromJsonAsync<NotificationPreferencesDto>("/api/me/notification-preferences", ApiHelpers.Json))!;
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        {
            Content = JsonContent.Create(new
            {
                culture = "zh-CN", timeZone = "Asia/Shanghai",
                events = new[] { new { eventType = EventTypes.CustomerPoolWarning, channels = new[] { "inApp", "email" } } },
            }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{preferences.Version}\""));
        await (await rep2.SendAsync(put)).ShouldBe(200);
        await world.Customer(27);
        await world.Customer(26);
        await world.Customer(27, owner: world.Rep2);
        await world.Customer(10, owner: world.Rep2);

        await SweepRun(world);

        Task<List<Notification>> NoticesOf(Guid user) => world.Db(db => db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == user && n.EventType == EventTypes.CustomerPoolWarning).ToListAsync());
        Task<List<OutboxMessage>> OutboxOf(Guid user) => world.Db(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.RecipientUserId == user && m.EventType == EventTypes.CustomerPoolWarning).ToListAsync());
        (await NoticesOf(world.Rep.Id)).Should().ContainSingle().Which.Body.Should().Contain("2");
        (await OutboxOf(world.Rep.Id)).Should().BeEmpty();
        (await NoticesOf(world.Rep2.Id)).Should().ContainSingle().Which.Body.Should().Contain("1");
        var email = (await OutboxOf(world.Rep2.Id)).Should().ContainSingle().Subject;
        email.Channel.Should().Be(Channel.Email);
        email.Address.Should().Be(world.Rep2.Email);
        email.Title.Should().Be("客户即将回收到公海");
    }
}

public sealed class RecycleWindowTestsOnSqlite(SqliteClockedApp app) : RecycleWindowTests(app), IClassFixture<SqliteClockedApp>;
public sealed class RecycleWindowTestsOnPostgres(PostgresClockedApp app) : RecycleWindowTests(app), IClassFixture<PostgresClockedApp>;
