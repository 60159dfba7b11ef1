using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keqing.Tests.Security;

/// <summary>
/// The people and records the access matrix and the hostile-payload suite act on: one user per role in team A, a rep
/// in team A (the "team" records) and one in team B ("other team"), and for each a customer with a contact,
/// interaction, commitment, task and share, recorded by its owner.
/// </summary>
public sealed class AccessWorld
{
    public static readonly string?[] Callers =
        [null, Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Marketer, Roles.ServiceAgent, Roles.ServiceManager, Roles.Analyst];

    public sealed record Person(UserDto User, HttpClient Client);

    /// <summary>One customer and the records on it, all created by its owner.</summary>
    public sealed record Records(Guid OwnerId, Guid CustomerId, Guid ContactId, Guid InteractionId, Guid CommitmentId, Guid TaskId, Guid ShareId,
        Guid LeadId = default, Guid LeadShareId = default);

    private readonly KeqingApp app;
    public required HttpClient Admin { get; init; }
    public required HttpClient Anonymous { get; init; }
    public required TeamDto TeamA { get; init; }
    public required TeamDto TeamB { get; init; }
    public required Person RepA { get; init; }
    public required Person RepB { get; init; }
    public required UserDto Outsider { get; init; }
    public Dictionary<string, Person> ByRole { get; } = [];
    public Dictionary<string, Records> Own { get; } = [];
    public Records TeamRecords { get; private set; } = null!;
    public Records OtherRecords { get; private set; } = null!;

    private AccessWorld(KeqingApp app) => this.app = app;

    public static async Task<AccessWorld> Build(KeqingApp app)
    {
        var admin = await app.AdminClient();
        var teamA = await admin.CreateTeam();
        var teamB = await admin.CreateTeam();
        var world = new AccessWorld(app)
        {
            Admin = admin, Anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
            TeamA = teamA, TeamB = teamB,
            RepA = await NewPerson(app, admin, Roles.SalesRep, teamA.Id),
            RepB = await NewPerson(app, admin, Roles.SalesRep, teamB.Id),
            Outsider = await admin.CreateUser(Roles.SalesRep),
        };
        foreach (var role in Callers.OfType<string>()) world.ByRole[role] = await NewPerson(app, admin, role, teamA.Id);
        foreach (var (role, person) in world.ByRole) world.Own[role] = await world.Create(person, On.Share);
        world.TeamRecords = await world.Create(world.RepA, On.Share);
        world.OtherRecords = await world.Create(world.RepB, On.Share);
        return world;
    }

    public static async Task<Person> NewPerson(KeqingApp app, HttpClient admin, string role, Guid? teamId)
    {
        var user = await admin.CreateUser(role, teamId);
        return new Person(user, await SignIn(app, user.Email));
    }

    /// <summary>A client with its own bearer token that does not follow redirects (a page's 302 is the answer).</summary>
    public static async Task<HttpClient> SignIn(KeqingApp app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await IssueToken(client, email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    public static async Task<(string Token, Guid Id)> IssueToken(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = KeqingApp.Password });
        await response.ShouldBe(200);
        var body = await response.Read<JsonElement>();
        return (body.GetProperty("token").GetString()!, body.GetProperty("id").GetGuid());
    }

    public Task<(string Token, Guid Id)> NewToken(Person person) => IssueToken(app.CreateClient(), person.User.Email);

    public Person OwnerOf(string? role, Relation relation) => relation switch
    {
        Relation.Team => RepA,
        Relation.OtherTeam => RepB,
        _ => role is null ? RepA : ByRole[role],
    };

    public Records RecordsOf(string? role, Relation relation) => relation switch
    {
        Relation.Team => TeamRecords,
        Relation.OtherTeam => OtherRecords,
        _ => role is null ? TeamRecords : Own[role],
    };

    public async Task<Person> NewRep(Guid teamId) => await NewPerson(app, Admin, Roles.SalesRep, teamId);

    /// <summary>A new customer of <paramref name="owner"/> with as much on it as <paramref name="need"/> asks for (Share: everything).</summary>
    public async Task<Records> Create(Person owner, On need)
    {
        var client = owner.Client;
        var customer = await Id(client.PostAsJsonAsync("/api/customers?duplicatesConfirmed=true", new { kind = "organization", name = ApiHelpers.Unique("矩阵") + "有限公司" }));
        var all = need == On.Share;
        var contact = all || need == On.Contact ? await Id(client.PostAsJsonAsync($"/api/customers/{customer}/contacts", new { name = "王经理" })) : Guid.Empty;
        var interaction = all || need == On.Interaction
            ? await Id(client.PostAsJsonAsync("/api/interactions", new { customerId = customer, channel = "call", subject = "初次拜访" })) : Guid.Empty;
        var commitment = all || need == On.Commitment
            ? await Id(client.PostAsJsonAsync("/api/commitments", new { customerId = customer, what = "寄样品", dueAt = DateTime.UtcNow.AddDays(5) })) : Guid.Empty;
        var task = all || need == On.Task
            ? await Id(client.PostAsJsonAsync("/api/tasks", new { title = "回访", dueAt = DateTime.UtcNow.AddDays(2), customerId = customer })) : Guid.Empty;
        var share = all ? await Id(client.PostAsJsonAsync($"/api/customers/{customer}/shares", new { userId = Outsider.Id })) : Guid.Empty;
        // Only the roles that work leads make one (a lead of theirs, shared like the customer).
        var worksLeads = owner.User.Roles.Any(r => EndpointTable.LeadWorkers.Contains(r));
        var lead = worksLeads && (all || need == On.Lead)
            ? await Id(client.PostAsJsonAsync("/api/leads", new { name = ApiHelpers.Unique("矩阵线索") })) : Guid.Empty;
        var leadShare = worksLeads && (all || need == On.Lead) ? await Id(client.PostAsJsonAsync($"/api/leads/{lead}/shares", new { userId = Outsider.Id })) : Guid.Empty;
        return new Records(owner.User.Id, customer, contact, interaction, commitment, task, share, lead, leadShare);
    }

    private static async Task<Guid> Id(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (!response.IsSuccessStatusCode) Assert.Fail($"Setting up the access world failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Read<JsonElement>()).GetProperty("id").GetGuid();
    }
}
