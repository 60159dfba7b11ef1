using System.Net.Http.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Microsoft.AspNetCore.Mvc;

namespace Keqing.Tests.Pools;

/// <summary>
/// Customer limits (客户上限) where a customer changes owner outside the pools, on both providers: a manager choosing a
/// new owner on the customer form is an assignment (409 naming the limit, owned or locked, the owner unchanged), and a
/// hand-over counts the locked customers it moves against the new owner's limit of locked customers (a lock stays with
/// the customer), moving nothing when one would pass it; restoring an archived customer counts against its owner's limit.
/// </summary>
public abstract class CustomerLimitsOwnerChangeTests(ClockedKeqingApp app)
{
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

    /// <summary>The customer form saved again as it is but for its owner (PUT under If-Match).</summary>
    private static async Task<HttpResponseMessage> GiveTo(HttpClient client, Guid customerId, Guid ownerId)
    {
        var response = await client.GetAsync($"/api/customers/{customerId}");
        await response.ShouldBe(200);
        var c = await response.Read<CustomerDto>();
        return await client.PutWithVersion($"/api/customers/{customerId}", c.Version, new
        {
            kind = "organization", name = c.Name, province = c.Province, city = c.City, industry = c.Industry, grade = c.Grade, ownerId,
        });
    }

    [Fact]
    public async Task A_manager_giving_a_customer_to_a_rep_at_their_limit_on_the_customer_form_is_refused_naming_it()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var mine = await world.Customer(1);
        var other = await world.Customer(2);
        await world.Customer(3, owner: world.Rep2);
        var limit = await SetLimit(new { userId = world.Rep2.Id, maxOwned = 2 });
        var manager = await world.As(world.Manager);

        await (await GiveTo(manager, mine, world.Rep2.Id)).ShouldBe(200);
        (await world.OwnerOf(mine)).Should().Be(world.Rep2.Id);
        (await Problem(await GiveTo(manager, other, world.Rep2.Id), 409)).Should().Contain("最多可拥有 2 个客户").And.Contain("个人上限");
        (await world.OwnerOf(other)).Should().Be(world.Rep.Id, "nothing changed");

        // Saving the form without changing the owner is no assignment: a rep at their limit still edits their customers.
        await (await GiveTo(await world.As(world.Rep2), mine, world.Rep2.Id)).ShouldBe(200);

        await (await (await app.AdminClient()).PutWithVersion($"/api/customer-limits/{limit.Id}", limit.Version, new { maxOwned = 3 })).ShouldBe(200);
        await (await GiveTo(manager, other, world.Rep2.Id)).ShouldBe(200);
        (await world.OwnerOf(other)).Should().Be(world.Rep2.Id);
    }

    [Fact]
    public async Task A_locked_customer_goes_to_a_new_owner_only_within_their_limit_of_locked_customers()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var locked = await world.Customer(1, locked: true);
        var alsoLocked = await world.Customer(2, locked: true);
        var open = await world.Customer(3);
        await world.Customer(4, owner: world.Rep2, locked: true);
        await SetLimit(new { userId = world.Rep2.Id, maxLocked = 2 });
        var manager = await world.As(world.Manager);

        var both = new { fromUserId = world.Rep.Id, toUserIds = new[] { world.Rep2.Id }, customerIds = new[] { locked, alsoLocked, open } };
        (await Problem(await Post(manager, "/api/handovers", both), 409)).Should().Contain("最多可锁定 2 个客户（个人上限）");
        foreach (var id in new[] { locked, alsoLocked, open }) (await world.OwnerOf(id)).Should().Be(world.Rep.Id, "a refused hand-over moves nothing");

        var one = new { fromUserId = world.Rep.Id, toUserIds = new[] { world.Rep2.Id }, customerIds = new[] { locked } };
        await (await Post(manager, "/api/handovers", one)).ShouldBe(201);
        (await world.OwnerOf(locked)).Should().Be(world.Rep2.Id);
        (await world.State(locked))!.LockedAt.Should().NotBeNull("the lock stays with the customer");

        (await Problem(await GiveTo(manager, alsoLocked, world.Rep2.Id), 409)).Should().Contain("最多可锁定 2 个客户").And.Contain("已锁定 2 个");
        (await world.OwnerOf(alsoLocked)).Should().Be(world.Rep.Id);
        await (await GiveTo(manager, open, world.Rep2.Id)).ShouldBe(200); // an unlocked customer takes no locked place
        (await world.OwnerOf(open)).Should().Be(world.Rep2.Id);
    }

    [Fact]
    public async Task Restoring_an_archived_customer_to_an_owner_at_their_limit_is_refused_naming_it()
    {
        var world = await PoolWorld.Create(app, [PoolWorld.RuleA()]);
        var archived = await world.Customer(1, owner: world.Rep2);
        var admin = await app.AdminClient();
        await (await admin.DeleteAsync($"/api/customers/{archived}")).ShouldBe(204);
        await world.Customer(2, owner: world.Rep2);
        await world.Customer(3, owner: world.Rep2);
        var limit = await SetLimit(new { userId = world.Rep2.Id, maxOwned = 2 });

        (await Problem(await Post(admin, $"/api/customers/{archived}/restore", new { }), 409)).Should().Contain("最多可拥有 2 个客户");
        (await (await admin.GetAsync($"/api/customers/{archived}")).Read<CustomerDto>()).ArchivedAt.Should().NotBeNull("nothing changed");

        await (await admin.PutWithVersion($"/api/customer-limits/{limit.Id}", limit.Version, new { maxOwned = 3 })).ShouldBe(200);
        await (await Post(admin, $"/api/customers/{archived}/restore", new { })).ShouldBe(200);
        (await (await admin.GetAsync($"/api/customers/{archived}")).Read<CustomerDto>()).ArchivedAt.Should().BeNull();
    }
}

public sealed class CustomerLimitsOwnerChangeTestsOnSqlite(SqliteClockedApp app) : CustomerLimitsOwnerChangeTests(app), IClassFixture<SqliteClockedApp>;
public sealed class CustomerLimitsOwnerChangeTestsOnPostgres(PostgresClockedApp app) : CustomerLimitsOwnerChangeTests(app), IClassFixture<PostgresClockedApp>;
