using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Customers;

/// <summary>
/// "Shared with me" (共享给我的) on the customer list, through the API on both providers with the test clock: the
/// customers others share with me or my team, never my own nor unshared ones; a share past its end date drops out
/// without a job having run; the count agrees.
/// </summary>
public abstract class SharedWithMeTests(ClockedKeqingApp app)
{
    private sealed record Counted(int Count, bool Capped);

    private static async Task<Guid> NewCustomer(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/customers?duplicatesConfirmed=true", new { kind = "organization", name }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return (await response.Read<CustomerDto>()).Id;
    }

    private static async Task Share(HttpClient owner, Guid customerId, object request) =>
        await (await owner.PostAsJsonAsync($"/api/customers/{customerId}/shares", request, ApiHelpers.Json)).ShouldBe(201);

    private static async Task<List<string>> SharedNames(HttpClient client, string prefix)
    {
        var page = await (await client.GetAsync($"/api/customers?shared=true&q={Uri.EscapeDataString(prefix)}&limit=100")).Read<Page<CustomerDto>>();
        var count = await (await client.GetAsync($"/api/customers/count?shared=true&q={Uri.EscapeDataString(prefix)}")).Read<Counted>();
        count.Count.Should().Be(page.Items.Count);
        return [.. page.Items.Select(c => c.Name)];
    }

    [Fact]
    public async Task A_rep_lists_what_others_share_with_them_or_their_team_until_the_share_ends()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var otherTeam = await admin.CreateTeam();
        var me = await admin.CreateUser(Roles.SalesRep, team.Id);
        var owner = await admin.CreateUser(Roles.SalesRep, otherTeam.Id);
        var ownerClient = await app.ClientFor(owner.Email);
        var p = "共享" + Guid.NewGuid().ToString("N")[..8];

        var toMe = await NewCustomer(ownerClient, $"{p}给我到期");
        var toMyTeam = await NewCustomer(ownerClient, $"{p}给我团队");
        await NewCustomer(ownerClient, $"{p}未共享");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await Share(ownerClient, toMe, new { userId = me.Id, canWrite = false, until = now.AddDays(2) });
        await Share(ownerClient, toMyTeam, new { teamId = team.Id, canWrite = true });
        var client = await app.ClientFor(me.Email);
        var mine = await NewCustomer(client, $"{p}我自己的");
        // A customer of mine shared with my own team is still mine, not "shared with me".
        await Share(client, mine, new { teamId = team.Id });

        (await SharedNames(client, p)).Should().BeEquivalentTo([$"{p}给我到期", $"{p}给我团队"]);
        // Without the filter the list still holds my own customer too.
        (await (await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(p)}")).Read<Page<CustomerDto>>()).Items.Select(c => c.Name)
            .Should().BeEquivalentTo([$"{p}给我到期", $"{p}给我团队", $"{p}我自己的"]);

        app.Clock.Advance(TimeSpan.FromDays(3));
        client = await app.ClientFor(me.Email);
        (await SharedNames(client, p)).Should().BeEquivalentTo([$"{p}给我团队"]);
        await (await client.GetAsync($"/api/customers/{toMe}")).ShouldBe(404);
    }
}

public sealed class SharedWithMeTestsOnSqlite(SqliteClockedApp app) : SharedWithMeTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SharedWithMeTestsOnPostgres(PostgresClockedApp app) : SharedWithMeTests(app), IClassFixture<PostgresClockedApp>;
