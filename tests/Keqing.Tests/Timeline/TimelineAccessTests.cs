using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Timeline;

/// <summary>
/// Record access on the timeline (docs/adr/0003-timeline-access.md), on both providers: the owner, the owning team's
/// manager and an admin see every entry on the customer (DOMAIN C2); a collaborator from another team sees their own
/// team's entries only; whoever may not see the customer sees nothing (404, absent from every list).
/// </summary>
public abstract class TimelineAccessTests(KeqingApp app)
{
    private sealed record World(
        HttpClient Owner, HttpClient Manager, HttpClient Admin, HttpClient Teammate, HttpClient Collaborator,
        HttpClient CollaboratorsTeammate, HttpClient OtherManager, CustomerDto Customer, InteractionDto OwnerCall,
        InteractionDto CollaboratorCall, CommitmentDto OwnerPromise, CommitmentDto CollaboratorPromise, Guid OwnerId, Guid CollaboratorId);

    private async Task<World> Build()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var east = await admin.CreateTeam(managerId: manager.Id);
        var otherManager = await admin.CreateUser(Roles.SalesManager);
        var south = await admin.CreateTeam(managerId: otherManager.Id);
        var ownerUser = await admin.CreateUser(Roles.SalesRep, east.Id);
        var owner = await app.ClientFor(ownerUser.Email);
        var teammate = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, east.Id)).Email);
        var collaboratorUser = await admin.CreateUser(Roles.SalesRep, south.Id);
        var collaborator = await app.ClientFor(collaboratorUser.Email);
        var collaboratorsTeammate = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, south.Id)).Email);

        var customer = await owner.NewCustomer();
        await (await owner.PostAsJsonAsync($"/api/customers/{customer.Id}/shares", new { teamId = south.Id })).ShouldBe(201);
        var ownerCall = await owner.Log(customer.Id, "owner 电话");
        var collaboratorCall = await collaborator.Log(customer.Id, "collaborator 拜访", "visit");
        var ownerPromise = await owner.Promise(customer.Id, "owner 承诺", DateTime.UtcNow.AddDays(3));
        var collaboratorPromise = await collaborator.Promise(customer.Id, "collaborator 承诺", DateTime.UtcNow.AddDays(4));
        return new World(owner, await app.ClientFor(manager.Email), admin, teammate, collaborator, collaboratorsTeammate,
            await app.ClientFor(otherManager.Email), customer, ownerCall, collaboratorCall, ownerPromise, collaboratorPromise,
            ownerUser.Id, collaboratorUser.Id);
    }

    /// <summary>The interactions and commitments one client sees on the customer, agreeing across every way in; null when the customer is invisible.</summary>
    private static async Task<HashSet<Guid>?> Sees(HttpClient client, World w)
    {
        var timeline = await client.GetAsync($"/api/customers/{w.Customer.Id}/timeline");
        var brief = await client.GetAsync($"/api/customers/{w.Customer.Id}/brief");
        var interactions = await (await client.GetAsync($"/api/interactions?customerId={w.Customer.Id}")).Read<Page<InteractionDto>>();
        var commitments = await (await client.GetAsync($"/api/commitments?customerId={w.Customer.Id}")).Read<Page<CommitmentDto>>();
        var allInteractions = await (await client.GetAsync("/api/interactions?limit=200")).Read<Page<InteractionDto>>();
        if ((int)timeline.StatusCode == 404)
        {
            await brief.ShouldBe(404);
            interactions.Items.Should().BeEmpty();
            commitments.Items.Should().BeEmpty();
            allInteractions.Items.Should().NotContain(i => i.CustomerId == w.Customer.Id);
            foreach (var id in new[] { w.OwnerCall.Id, w.CollaboratorCall.Id })
                await (await client.GetAsync($"/api/interactions/{id}")).ShouldBe(404);
            return null;
        }
        await timeline.ShouldBe(200);
        var entries = (await timeline.Read<Page<TimelineEntryDto>>()).Items.Select(e => e.SourceId).ToHashSet();
        entries.Where(id => id == w.OwnerCall.Id || id == w.CollaboratorCall.Id)
            .Should().BeEquivalentTo(interactions.Items.Select(i => i.Id), "the timeline and the interaction list agree");
        entries.Where(id => id == w.OwnerPromise.Id || id == w.CollaboratorPromise.Id)
            .Should().BeEquivalentTo(commitments.Items.Select(c => c.Id), "the timeline and the commitment list agree");
        var briefDto = await brief.Read<CustomerBriefDto>();
        briefDto.LastContacts.Select(e => e.SourceId).Should().BeSubsetOf(entries);
        briefDto.OpenCommitments.Select(c => c.Id).Should().BeSubsetOf(entries);
        foreach (var id in new[] { w.OwnerCall.Id, w.CollaboratorCall.Id })
            ((int)(await client.GetAsync($"/api/interactions/{id}")).StatusCode).Should().Be(entries.Contains(id) ? 200 : 404);
        return entries;
    }

    [Fact]
    public async Task Who_sees_which_entries_on_a_shared_customer()
    {
        var w = await Build();
        Guid[] everything = [w.OwnerCall.Id, w.CollaboratorCall.Id, w.OwnerPromise.Id, w.CollaboratorPromise.Id];
        Guid[] collaborators = [w.CollaboratorCall.Id, w.CollaboratorPromise.Id];

        (await Sees(w.Owner, w)).Should().BeEquivalentTo(everything, "the owner sees what collaborators record (C2)");
        (await Sees(w.Manager, w)).Should().BeEquivalentTo(everything, "the owning team's manager sees all");
        (await Sees(w.Admin, w)).Should().BeEquivalentTo(everything, "an admin sees all");
        (await Sees(w.Collaborator, w)).Should().BeEquivalentTo(collaborators, "a collaborator from another team sees their own only");
        (await Sees(w.CollaboratorsTeammate, w)).Should().BeEquivalentTo(collaborators, "and their team's");
        (await Sees(w.Teammate, w)).Should().BeNull("the owner's teammate may not see the customer at all");
        (await Sees(w.OtherManager, w)).Should().BeNull("nor the other team's manager, who is not in the shared team");
    }

    [Fact]
    public async Task Who_may_change_an_interaction_and_close_a_commitment()
    {
        var w = await Build();
        async Task<int> Edit(HttpClient client, InteractionDto call)
        {
            var current = await client.GetAsync($"/api/interactions/{call.Id}");
            var version = current.IsSuccessStatusCode ? (await current.Read<InteractionDto>()).Version : call.Version;
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/interactions/{call.Id}")
            { Content = JsonContent.Create(new { customerId = w.Customer.Id, channel = call.Channel, subject = call.Subject + "+", occurredAt = call.OccurredAt }, options: ApiHelpers.Json) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            return (int)(await client.SendAsync(request)).StatusCode;
        }
        (await Edit(w.Collaborator, w.OwnerCall)).Should().Be(404, "the collaborator does not see the owner's call");
        (await Edit(w.Owner, w.CollaboratorCall)).Should().Be(403, "the owner sees but did not record the collaborator's call");
        (await Edit(w.Owner, w.OwnerCall)).Should().Be(200);
        (await Edit(w.Manager, w.OwnerCall)).Should().Be(200, "the recorder's manager may correct it");
        (await Edit(w.Collaborator, w.CollaboratorCall)).Should().Be(200);
        await (await w.Teammate.DeleteAsync($"/api/interactions/{w.OwnerCall.Id}")).ShouldBe(404);
        await (await w.Collaborator.PostAsJsonAsync($"/api/commitments/{w.OwnerPromise.Id}/complete", new { })).ShouldBe(404);
        await (await w.Owner.PostAsJsonAsync($"/api/commitments/{w.CollaboratorPromise.Id}/complete", new { })).ShouldBe(403);
        await (await w.Manager.PostAsJsonAsync($"/api/commitments/{w.OwnerPromise.Id}/complete", new { })).ShouldBe(200);
        await (await w.Teammate.PostAsJsonAsync("/api/interactions", new { customerId = w.Customer.Id, channel = "call", subject = "x" })).ShouldBe(400);
    }

    [Fact]
    public async Task A_promise_names_only_someone_the_caller_may_act_for()
    {
        var w = await Build();
        async Task<HttpResponseMessage> Promise(HttpClient client, Guid promiser) =>
            await client.PostAsJsonAsync("/api/commitments", new { customerId = w.Customer.Id, what = "寄样品", dueAt = DateTime.UtcNow.AddDays(3), promisedById = promiser }, ApiHelpers.Json);

        var refused = await Promise(w.Collaborator, w.OwnerId);
        await refused.ShouldBe(400);
        (await refused.Read<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("promisedById", out _).Should().BeTrue(
            "a rep of another team may not make the owner promise something (alerts would reach them and their manager)");
        await (await Promise(w.Teammate, w.OwnerId)).ShouldBe(400); // the teammate does not even see the customer
        await (await Promise(w.Collaborator, w.CollaboratorId)).ShouldBe(201);
        await (await Promise(w.Manager, w.OwnerId)).ShouldBe(201); // the owner's manager may record the owner's promise
        await (await Promise(w.Admin, w.CollaboratorId)).ShouldBe(201);
    }

    [Fact]
    public async Task A_read_only_share_does_not_let_a_contact_preference_change()
    {
        var w = await Build();
        var contact = await (await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/contacts", new { name = "王总" })).Read<ContactDto>();
        var path = $"/api/contacts/{contact.Id}/preferences";
        await (await w.Collaborator.GetAsync(path)).ShouldBe(200);
        await (await w.Collaborator.PutAsJsonAsync(path, new { personalOccasionOptIn = true })).ShouldBe(403);
        await (await w.Teammate.PutAsJsonAsync(path, new { personalOccasionOptIn = true })).ShouldBe(404);
        (await (await w.Owner.GetAsync(path)).Read<ContactPreferenceDto>()).PersonalOccasionOptIn.Should().BeFalse();

        await (await w.Owner.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { userId = w.CollaboratorId, canWrite = true })).ShouldBe(201);
        await (await w.Collaborator.PutAsJsonAsync(path, new { personalOccasionOptIn = true })).ShouldBe(200);
        await (await w.Manager.PutAsJsonAsync(path, new { personalOccasionOptIn = false })).ShouldBe(200);
    }
}

public sealed class TimelineAccessTestsOnSqlite(SqliteApp app) : TimelineAccessTests(app), IClassFixture<SqliteApp>;
public sealed class TimelineAccessTestsOnPostgres(PostgresApp app) : TimelineAccessTests(app), IClassFixture<PostgresApp>;
