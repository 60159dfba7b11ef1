using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Customers;

/// <summary>
/// Record access (DOMAIN P5) on both providers: a rep sees what they own and what is shared with them or their team,
/// a manager their team's, an admin all; a record one may not see is a 404 and never shows in a list, search or count.
/// </summary>
public abstract class RecordAccessTests(KeqingApp app)
{
    private sealed record World(
        HttpClient Owner, HttpClient Teammate, HttpClient Manager, HttpClient OtherManager, HttpClient OtherRep, HttpClient Admin,
        UserDto OtherRepUser, TeamDto OtherTeam, CustomerDto Customer, string Marker);

    private async Task<World> Build()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var otherManager = await admin.CreateUser(Roles.SalesManager);
        var otherTeam = await admin.CreateTeam(managerId: otherManager.Id);
        var owner = await admin.CreateUser(Roles.SalesRep, team.Id);
        var teammate = await admin.CreateUser(Roles.SalesRep, team.Id);
        var otherRep = await admin.CreateUser(Roles.SalesRep, otherTeam.Id);
        var ownerClient = await app.ClientFor(owner.Email);
        var marker = "访问" + Guid.NewGuid().ToString("N")[..8];
        var customer = await CustomerApiTests.Create(ownerClient, new { kind = "organization", name = marker + "有限公司", phones = new[] { "13700000000" } });
        return new World(ownerClient, await app.ClientFor(teammate.Email), await app.ClientFor(manager.Email),
            await app.ClientFor(otherManager.Email), await app.ClientFor(otherRep.Email), admin, otherRep, otherTeam, customer, marker);
    }

    private static async Task<bool> Sees(HttpClient client, World w)
    {
        var get = await client.GetAsync($"/api/customers/{w.Customer.Id}");
        var list = await (await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(w.Marker)}")).Read<Page<CustomerDto>>();
        var count = await (await client.GetAsync($"/api/customers/count?q={Uri.EscapeDataString(w.Marker)}")).Read<ListCount>();
        var contacts = await client.GetAsync($"/api/customers/{w.Customer.Id}/contacts");
        var audit = await client.GetAsync($"/api/customers/{w.Customer.Id}/audit");
        var genericAudit = await client.GetAsync($"/api/audit?entity=Customer&id={w.Customer.Id}");
        var visible = get.IsSuccessStatusCode;
        // Every way in agrees: a record one may not see is a 404 everywhere and absent from lists and counts.
        ((int)get.StatusCode).Should().Be(visible ? 200 : 404);
        list.Items.Any(c => c.Id == w.Customer.Id).Should().Be(visible);
        count.Count.Should().Be(visible ? 1 : 0);
        ((int)contacts.StatusCode).Should().Be(visible ? 200 : 404);
        ((int)audit.StatusCode).Should().Be(visible ? 200 : 404);
        ((int)genericAudit.StatusCode).Should().Be(visible ? 200 : 404);
        return visible;
    }

    private static async Task<int> TryUpdate(HttpClient client, World w)
    {
        var current = await client.GetAsync($"/api/customers/{w.Customer.Id}");
        var version = current.IsSuccessStatusCode ? (await current.Read<CustomerDto>()).Version : w.Customer.Version;
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{w.Customer.Id}")
        { Content = JsonContent.Create(new { kind = "organization", name = w.Customer.Name, city = "改" + Guid.NewGuid().ToString("N")[..4] }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return (int)(await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Who_sees_and_who_may_change_an_unshared_customer()
    {
        var w = await Build();
        (await Sees(w.Owner, w)).Should().BeTrue("the owner sees their own");
        (await Sees(w.Manager, w)).Should().BeTrue("the team's manager sees the team's");
        (await Sees(w.Admin, w)).Should().BeTrue("an admin sees all");
        (await Sees(w.Teammate, w)).Should().BeFalse("a teammate sees only what is shared");
        (await Sees(w.OtherManager, w)).Should().BeFalse("another team's manager does not");
        (await Sees(w.OtherRep, w)).Should().BeFalse("another team's rep does not");

        (await TryUpdate(w.Owner, w)).Should().Be(200);
        (await TryUpdate(w.Manager, w)).Should().Be(200);
        (await TryUpdate(w.Admin, w)).Should().Be(200);
        (await TryUpdate(w.Teammate, w)).Should().Be(404);
        (await TryUpdate(w.OtherRep, w)).Should().Be(404);
        await (await w.OtherRep.DeleteAsync($"/api/customers/{w.Customer.Id}")).ShouldBe(404);
        await (await w.OtherRep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/contacts", new { name = "x" })).ShouldBe(404);
    }

    [Fact]
    public async Task Sharing_with_another_team_lets_it_see_but_not_change_unless_read_write()
    {
        var w = await Build();
        var shared = await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { teamId = w.OtherTeam.Id });
        await shared.ShouldBe(201);
        var share = await shared.Read<ShareDto>();

        (await Sees(w.OtherRep, w)).Should().BeTrue("shared with the rep's team");
        (await TryUpdate(w.OtherRep, w)).Should().Be(403);
        await (await w.OtherRep.DeleteAsync($"/api/customers/{w.Customer.Id}")).ShouldBe(403);
        await (await w.OtherRep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { teamId = w.OtherTeam.Id })).ShouldBe(403);
        (await Sees(w.Teammate, w)).Should().BeFalse("a share with another team does not open it to the owner's teammates");

        await (await w.Owner.DeleteAsync($"/api/customers/{w.Customer.Id}/shares/{share.Id}")).ShouldBe(204);
        (await Sees(w.OtherRep, w)).Should().BeFalse("the share was removed");

        await (await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { userId = w.OtherRepUser.Id, canWrite = true })).ShouldBe(201);
        (await Sees(w.OtherRep, w)).Should().BeTrue("shared with the rep as a collaborator");
        (await TryUpdate(w.OtherRep, w)).Should().Be(200);
    }

    [Fact]
    public async Task Sharing_again_with_the_same_grantee_gives_the_same_share()
    {
        var w = await Build();
        var path = $"/api/customers/{w.Customer.Id}/shares";
        var first = await w.Owner.PostAsJsonAsync(path, new { userId = w.OtherRepUser.Id });
        await first.ShouldBe(201);
        var share = await first.Read<ShareDto>();
        for (var i = 0; i < 20; i++)
        {
            var again = await w.Owner.PostAsJsonAsync(path, new { userId = w.OtherRepUser.Id });
            await again.ShouldBe(200);
            (await again.Read<ShareDto>()).Id.Should().Be(share.Id);
        }
        await (await w.Owner.PostAsJsonAsync(path, new { teamId = w.OtherTeam.Id })).ShouldBe(201);
        await (await w.Owner.PostAsJsonAsync(path, new { teamId = w.OtherTeam.Id })).ShouldBe(200);

        var upgraded = await w.Owner.PostAsJsonAsync(path, new { userId = w.OtherRepUser.Id, canWrite = true });
        await upgraded.ShouldBe(200);
        (await upgraded.Read<ShareDto>()).Should().Match<ShareDto>(s => s.Id == share.Id && s.CanWrite);
        (await TryUpdate(w.OtherRep, w)).Should().Be(200, "the one share now gives write access");

        var shares = await (await w.Owner.GetAsync(path)).Read<List<ShareDto>>();
        shares.Should().HaveCount(2, "one share per grantee");
    }

    [Fact]
    public async Task A_share_with_a_past_or_missing_target_is_a_field_error()
    {
        var w = await Build();
        var bad = await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { teamId = Guid.NewGuid(), until = "2000-01-01T00:00:00Z" });
        await bad.ShouldBe(400);
        var both = await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { teamId = w.OtherTeam.Id, userId = w.OtherRepUser.Id });
        await both.ShouldBe(400);
    }

    [Fact]
    public async Task A_rep_cannot_give_a_customer_away_but_an_admin_can_assign_any_owner()
    {
        var w = await Build();
        var body = new { kind = "organization", name = w.Customer.Name, ownerId = w.OtherRepUser.Id };
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{w.Customer.Id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{w.Customer.Version}\""));
        await (await w.Owner.SendAsync(request)).ShouldBe(400);

        var create = await w.Owner.PostAsJsonAsync("/api/customers", new { kind = "person", name = "甲", ownerId = w.OtherRepUser.Id });
        await create.ShouldBe(400);
        var admin = await w.Admin.PostAsJsonAsync("/api/customers", new { kind = "person", name = "乙", ownerId = w.OtherRepUser.Id });
        await admin.ShouldBe(201);
        (await admin.Read<CustomerDto>()).TeamId.Should().Be(w.OtherTeam.Id);
    }

    private sealed record ListCount(int Count, bool Capped);
}

public sealed class RecordAccessTestsOnSqlite(SqliteApp app) : RecordAccessTests(app), IClassFixture<SqliteApp>;
public sealed class RecordAccessTestsOnPostgres(PostgresApp app) : RecordAccessTests(app), IClassFixture<PostgresApp>;
