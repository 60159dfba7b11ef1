using System.Net.Http.Json;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Todo.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// Customer limits (客户上限) through the HTTP API on both providers: set per user or team under If-Match with field
/// errors; enforced, naming the limit in Chinese, on claiming (two claims at once take the last place once),
/// assigning, creating, handing over and locking; won customers counted only by setting. Also the hand-over restarting
/// the recycle clock and the to-do section of customers about to return to the pool.
/// </summary>
public abstract class CustomerLimitsApiTests(ClockedKeqingApp app)
{
    private async Task RunJob() => await app.Services.GetRequiredService<PoolRecycleJob>().RunDueAsync(default);

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, ApiHelpers.Json);

    private static async Task<string> Problem(HttpResponseMessage response, int status)
    {
        await response.ShouldBe(status);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail ?? "";
    }

    private async Task<CustomerLimitDto> SetLimit(object body)
    {
        var response = await Post(await app.AdminClient(), "/api/customer-limits", body);
        await response.ShouldBe(201);
        return await response.Read<CustomerLimitDto>();
    }

    [Fact]
    public async Task An_admin_sets_limits_per_user_and_team_under_if_match_and_hears_of_every_bad_field()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var admin = await app.AdminClient();
        var bad = await Post(admin, "/api/customer-limits", new { userId = world.Rep.Id, teamId = world.Team.Id, maxOwned = -1, maxLocked = 2_000_000 });
        await bad.ShouldBe(400);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Should().Contain(["userId", "maxOwned", "maxLocked"]);
        await (await Post(admin, "/api/customer-limits", new { userId = world.Rep.Id })).ShouldBe(400);
        await (await Post(await world.As(world.Manager), "/api/customer-limits", new { userId = world.Rep.Id, maxOwned = 5 })).ShouldBe(403);
        await (await (await world.As(world.Rep)).GetAsync("/api/customer-limits")).ShouldBe(403);

        var limit = await SetLimit(new { userId = world.Rep.Id, maxOwned = 5, maxLocked = 1 });
        limit.Holder.Should().Be(world.Rep.DisplayName);
        var team = await SetLimit(new { teamId = world.Team.Id, maxOwned = 50, countWonCustomers = true });
        team.Holder.Should().Be(world.Team.Name);
        await (await Post(admin, "/api/customer-limits", new { userId = world.Rep.Id, maxOwned = 7 })).ShouldBe(400);

        var url = $"/api/customer-limits/{limit.Id}";
        await (await admin.PutWithVersion(url, null, new { maxOwned = 6 })).ShouldBe(428);
        await (await admin.PutWithVersion(url, limit.Version + 5, new { maxOwned = 6 })).ShouldBe(412);
        await (await admin.PutWithVersion(url, limit.Version, new { userId = world.Rep2.Id, maxOwned = 6 })).ShouldBe(400);
        var changed = await admin.PutWithVersion(url, limit.Version, new { maxOwned = 6 });
        await changed.ShouldBe(200);
        (await changed.Read<CustomerLimitDto>()).Should().Match<CustomerLimitDto>(l => l.MaxOwned == 6 && l.MaxLocked == null && l.Version > limit.Version);
        (await admin.GetFromJsonAsync<List<CustomerLimitDto>>("/api/customer-limits", ApiHelpers.Json))!.Select(l => l.Id).Should().Contain([limit.Id, team.Id]);

        await world.Customer(1);
        var room = await (await world.As(world.Rep)).GetFromJsonAsync<CustomerRoomDto>("/api/customer-limits/me", ApiHelpers.Json);
        room.Should().Be(new CustomerRoomDto(1, 6, 0, null));
        // Rep2 has no limit of their own: their team's.
        (await (await world.As(world.Rep2)).GetFromJsonAsync<CustomerRoomDto>("/api/customer-limits/me", ApiHelpers.Json))!.MaxOwned.Should().Be(50);

        await (await admin.DeleteAsync(url)).ShouldBe(204);
        await (await admin.GetAsync(url)).ShouldBe(404);
    }

    [Fact]
    public async Task Two_claims_at_once_take_the_last_place_under_the_limit_once_and_an_assignment_is_refused_too()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)], quota: 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add(await world.Customer(60 + i));
        await RunJob();
        await world.Customer(1, owner: world.Rep2);
        await SetLimit(new { userId = world.Rep2.Id, maxOwned = 2 });

        var first = await world.As(world.Rep2);
        var second = await world.As(world.Rep2);
        var claims = await Task.WhenAll(
            Post(first, $"/api/pools/{world.Pool.Id}/claim", new { customerIds = new[] { ids[0] } }),
            Post(second, $"/api/pools/{world.Pool.Id}/claim", new { customerIds = new[] { ids[1] } }));
        claims.Select(c => (int)c.StatusCode).Order().Should().Equal(200, 409);
        (await Problem(claims.Single(c => (int)c.StatusCode == 409), 409)).Should().Contain("最多可拥有 2 个客户（个人上限）").And.Contain("现有 2 个");
        (await world.Db(db => db.Set<Customer>().CountAsync(c => c.OwnerId == world.Rep2.Id))).Should().Be(2);

        var manager = await world.As(world.Manager);
        (await Problem(await Post(manager, $"/api/pools/{world.Pool.Id}/assign", new { customerIds = new[] { ids[2] }, userId = world.Rep2.Id }), 409))
            .Should().Contain(world.Rep2.DisplayName).And.Contain("最多可拥有 2 个客户");
        (await world.State(ids[2]))!.PoolId.Should().Be(world.Pool.Id);
        await (await Post(manager, $"/api/pools/{world.Pool.Id}/assign", new { customerIds = new[] { ids[2] }, userId = world.Rep.Id })).ShouldBe(200);
    }

    [Fact]
    public async Task Won_customers_count_only_when_the_team_limit_says_so_and_creating_a_customer_names_the_team_limit()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var won = await world.Customer(1, owner: world.Rep2);
        await new OpportunityData(app).Add(world.Rep2.Id, world.Team.Id, 1000m, status: OpportunityStatus.Won, closedAt: world.Now.AddDays(-1), customerId: won);
        var team = await SetLimit(new { teamId = world.Team.Id, maxOwned = 1 });
        var rep2 = await world.As(world.Rep2);

        await (await Post(rep2, "/api/customers", new { kind = "person", name = ApiHelpers.Unique("张伟") })).ShouldBe(201);
        (await Problem(await Post(rep2, "/api/customers", new { kind = "person", name = ApiHelpers.Unique("李娜") }), 409))
            .Should().Contain($"团队「{world.Team.Name}」的上限");

        var admin = await app.AdminClient();
        await (await admin.PutWithVersion($"/api/customer-limits/{team.Id}", team.Version, new { maxOwned = 2, countWonCustomers = true })).ShouldBe(200);
        await (await Post(rep2, "/api/customers", new { kind = "person", name = ApiHelpers.Unique("王芳") })).ShouldBe(409);
        (await world.Db(db => db.Set<Customer>().CountAsync(c => c.OwnerId == world.Rep2.Id))).Should().Be(2);
    }

    [Fact]
    public async Task A_hand_over_beyond_the_new_owners_limit_moves_nothing_and_one_within_it_restarts_the_recycle_clock()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 0)]);
        var a = await world.Customer(25);
        var b = await world.Customer(26);
        var limit = await SetLimit(new { userId = world.Rep2.Id, maxOwned = 1 });
        var manager = await world.As(world.Manager);
        var handover = new { fromUserId = world.Rep.Id, toUserIds = new[] { world.Rep2.Id }, customerIds = new[] { a, b } };

        (await Problem(await Post(manager, "/api/handovers", handover), 409)).Should().Contain("最多可拥有 1 个客户");
        (await world.OwnerOf(a)).Should().Be(world.Rep.Id);

        var admin = await app.AdminClient();
        await (await admin.PutWithVersion($"/api/customer-limits/{limit.Id}", limit.Version, new { maxOwned = 2 })).ShouldBe(200);
        await (await Post(manager, "/api/handovers", handover)).ShouldBe(201);
        (await world.OwnerOf(a)).Should().Be(world.Rep2.Id);
        (await world.State(a))!.OwnedSince.Should().Be(world.Now);

        // 25 and 26 days old: due in 5 and 4 days for the old owner, but the new one has them for 30 days from now.
        app.Clock.Advance(TimeSpan.FromDays(10));
        await RunJob();
        (await world.OwnerOf(a)).Should().Be(world.Rep2.Id);
        (await world.OwnerOf(b)).Should().Be(world.Rep2.Id);
    }

    [Fact]
    public async Task A_manager_locks_no_more_customers_of_a_rep_than_their_limit()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var a = await world.Customer(1);
        var b = await world.Customer(2);
        await SetLimit(new { userId = world.Rep.Id, maxLocked = 1 });
        var manager = await world.As(world.Manager);
        await (await Post(manager, $"/api/customers/{a}/lock", new { })).ShouldBe(200);
        (await Problem(await Post(manager, $"/api/customers/{b}/lock", new { }), 409)).Should().Contain("最多可锁定 1 个客户（个人上限），已锁定 1 个");
        await (await Post(manager, $"/api/customers/{a}/unlock", new { })).ShouldBe(200);
        await (await Post(manager, $"/api/customers/{b}/lock", new { })).ShouldBe(200);
    }

    [Fact]
    public async Task The_owner_sees_customers_about_to_return_to_the_pool_in_the_to_do_until_they_follow_them_up()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA(followUp: 30, notice: 5)]);
        var soon = await world.Customer(27);
        var sooner = await world.Customer(28);
        var later = await world.Customer(10);
        await RunJob();

        var rep = await world.As(world.Rep);
        var section = await rep.GetFromJsonAsync<TodoSectionDto>("/api/me/todo?section=pools.returning&limit=1", ApiHelpers.Json);
        section!.Title.Should().Be("即将回收到公海的客户");
        section.Count.Should().Be(2);
        section.Items.Should().ContainSingle().Which.Should().Match<TodoItem>(i => i.RecordId == sooner && i.DueAt == world.Now.AddDays(2)
            && i.Subtitle!.Contains(world.Pool.Name) && i.Href == $"/customers/{sooner}");
        var next = await rep.GetFromJsonAsync<TodoSectionDto>($"/api/me/todo?section=pools.returning&limit=1&after={section.Next}", ApiHelpers.Json);
        next!.Items.Should().ContainSingle().Which.RecordId.Should().Be(soon);
        (await (await world.As(world.Rep2)).GetFromJsonAsync<TodoSectionDto>("/api/me/todo?section=pools.returning", ApiHelpers.Json))!.Count.Should().Be(0);

        await world.Db(async db =>
        {
            db.Add(new Keqing.Modules.Timeline.Domain.Interaction
            {
                CustomerId = soon, Channel = Keqing.Modules.Timeline.Contracts.InteractionChannel.Visit,
                Direction = Keqing.Modules.Timeline.Contracts.InteractionDirection.Outbound, OccurredAt = world.Now.AddMinutes(1), Subject = "拜访",
                UserId = world.Rep.Id, TeamId = world.Team.Id, CreatedAt = world.Now, UpdatedAt = world.Now,
            });
            return await db.SaveChangesAsync();
        });
        var after = await rep.GetFromJsonAsync<TodoSectionDto>("/api/me/todo?section=pools.returning", ApiHelpers.Json);
        after!.Items.Select(i => i.RecordId).Should().Equal(sooner);
        after.Items.Select(i => i.RecordId).Should().NotContain(later);
    }
}

public sealed class CustomerLimitsApiTestsOnSqlite(SqliteClockedApp app) : CustomerLimitsApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class CustomerLimitsApiTestsOnPostgres(PostgresClockedApp app) : CustomerLimitsApiTests(app), IClassFixture<PostgresClockedApp>;
