using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// Leads and the rest of Keqing on both providers: record access (own, team, shared), data-subject export and
/// erasure, hand-over of an employee's open leads, customer merge.
/// </summary>
public abstract class LeadConnectionsTests(KeqingApp app)
{
    private static readonly JsonSerializerOptions Json = ApiHelpers.Json;

    [Fact]
    public async Task A_rep_never_sees_another_teams_leads_and_a_manager_sees_their_teams()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var otherManager = await admin.CreateUser(Roles.SalesManager);
        var otherTeam = await admin.CreateTeam(managerId: otherManager.Id);
        var owner = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var teammate = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var otherRepUser = await admin.CreateUser(Roles.SalesRep, otherTeam.Id);
        var otherRep = await app.ClientFor(otherRepUser.Email);
        var marker = ApiHelpers.Unique("可见");
        var lead = await LeadApiTests.Create(owner, new { name = marker, company = "东方商贸" });

        async Task<bool> Sees(HttpClient client)
        {
            var get = await client.GetAsync($"/api/leads/{lead.Id}");
            var list = await LeadApiTests.List(client, "q=" + Uri.EscapeDataString(marker));
            var count = (await (await client.GetAsync("/api/leads/count?q=" + Uri.EscapeDataString(marker))).Read<JsonElement>()).GetProperty("count").GetInt32();
            var activities = await client.GetAsync($"/api/leads/{lead.Id}/activities");
            var visible = get.IsSuccessStatusCode;
            ((int)get.StatusCode).Should().Be(visible ? 200 : 404);
            list.Items.Any(l => l.Id == lead.Id).Should().Be(visible);
            count.Should().Be(visible ? 1 : 0);
            ((int)activities.StatusCode).Should().Be(visible ? 200 : 404);
            return visible;
        }

        (await Sees(owner)).Should().BeTrue();
        (await Sees(await app.ClientFor(manager.Email))).Should().BeTrue("a manager sees their team's leads");
        (await Sees(admin)).Should().BeTrue();
        (await Sees(teammate)).Should().BeFalse("a rep sees their own leads, not a teammate's");
        (await Sees(otherRep)).Should().BeFalse();
        (await Sees(await app.ClientFor(otherManager.Email))).Should().BeFalse();
        await (await otherRep.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "call" }, Json)).ShouldBe(404);
        await (await otherRep.PostAsync($"/api/leads/{lead.Id}/qualify", null)).ShouldBe(404);
        await (await otherRep.DeleteAsync($"/api/leads/{lead.Id}")).ShouldBe(404);

        var share = await owner.PostAsJsonAsync($"/api/leads/{lead.Id}/shares", new { userId = otherRepUser.Id }, Json);
        await share.ShouldBe(201);
        (await Sees(otherRep)).Should().BeTrue("a share opens the lead to a colleague");
        await (await otherRep.PostAsync($"/api/leads/{lead.Id}/qualify", null)).ShouldBe(403); // a read-only share does not let them change it
        var shareId = (await share.Read<ShareDto>()).Id;
        await (await owner.DeleteAsync($"/api/leads/{lead.Id}/shares/{shareId}")).ShouldBe(204);
        (await Sees(otherRep)).Should().BeFalse();

        // Roles without leads.work do not reach the endpoints at all.
        var analyst = await app.ClientFor((await admin.CreateUser(Roles.Analyst, team.Id)).Email);
        await (await analyst.GetAsync("/api/leads")).ShouldBe(403);
    }

    [Fact]
    public async Task Export_and_erasure_of_a_person_cover_the_leads_holding_their_phone_or_email()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var phone = LeadApiTests.Mobile();
        var email = ApiHelpers.Unique("subject") + "@example.cn";
        var customerResponse = await rep.PostAsJsonAsync("/api/customers", new { kind = "person", name = ApiHelpers.Unique("赵磊"), phones = new[] { phone } }, Json);
        await customerResponse.ShouldBe(201);
        var customer = await customerResponse.Read<CustomerDto>();
        var byPhone = await LeadApiTests.Create(rep, new { name = "赵先生", phones = new[] { "+86 " + phone }, notes = "私人备注" });
        var byEmail = await LeadApiTests.Create(rep, new { name = "赵磊", emails = new[] { email.ToUpperInvariant() } });
        var stranger = await LeadApiTests.Create(rep, new { name = "赵磊", phones = new[] { LeadApiTests.Mobile() } });
        await (await rep.PostAsJsonAsync($"/api/leads/{byPhone.Id}/activities", new { kind = "call", text = "聊到了家庭情况" }, Json)).ShouldBe(201);
        var task = await rep.PostAsJsonAsync("/api/tasks", new { title = "给赵先生回电", dueAt = DateTime.UtcNow.AddDays(1), subjectType = "leads.lead", subjectId = byPhone.Id }, Json);
        await task.ShouldBe(201);
        var taskId = (await task.Read<JsonElement>()).GetProperty("id").GetGuid();
        var strangerTask = await rep.PostAsJsonAsync("/api/tasks", new { title = "给另一位赵先生回电", dueAt = DateTime.UtcNow.AddDays(1), subjectType = "leads.lead", subjectId = stranger.Id }, Json);
        await strangerTask.ShouldBe(201);
        var strangerTaskId = (await strangerTask.Read<JsonElement>()).GetProperty("id").GetGuid();
        // The email is the contact's, on the same customer.
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "赵磊", emails = new[] { email } }, Json)).ShouldBe(201);

        var export = await admin.GetAsync($"/api/privacy/subjects/customers/{customer.Id}/export");
        await export.ShouldBe(200);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            var json = await new StreamReader(zip.GetEntry("subject.json")!.Open()).ReadToEndAsync();
            var leads = JsonDocument.Parse(json).RootElement.GetProperty("parts").GetProperty("leads").GetProperty("leads");
            leads.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).Should().BeEquivalentTo([byPhone.Id, byEmail.Id], "a name alone does not make a lead the person's");
            JsonDocument.Parse(json).RootElement.GetProperty("parts").GetProperty("leads").GetProperty("tasks").EnumerateArray()
                .Select(t => t.GetProperty("id").GetGuid()).Should().Equal([taskId], "the tasks about the person's leads, not the stranger's");
        }

        await (await admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{customer.Id}/erase", new { reason = "本人要求删除" }, Json)).ShouldBe(200);
        var erased = await (await admin.GetAsync($"/api/leads/{byPhone.Id}")).Read<LeadDto>();
        erased.Name.Should().Be("[erased]");
        erased.Phones.Should().BeEmpty();
        erased.Notes.Should().BeNull();
        (await (await admin.GetAsync($"/api/leads/{byEmail.Id}")).Read<LeadDto>()).Emails.Should().BeEmpty();
        (await (await admin.GetAsync($"/api/leads/{stranger.Id}")).Read<LeadDto>()).Name.Should().Be("赵磊");
        (await LeadApiTests.List(admin, "q=" + phone)).Items.Should().BeEmpty("the lookups are gone");
        var history = await (await admin.GetAsync($"/api/leads/{byPhone.Id}/activities")).Read<List<LeadActivityDto>>();
        history.Should().OnlyContain(a => a.Text == null);
        (await (await admin.GetAsync($"/api/tasks/{taskId}")).Read<JsonElement>()).GetProperty("title").GetString().Should().Be("[erased]");
        (await (await admin.GetAsync($"/api/tasks/{strangerTaskId}")).Read<JsonElement>()).GetProperty("title").GetString().Should().Be("给另一位赵先生回电");
    }

    [Fact]
    public async Task A_hand_over_of_all_customers_moves_the_employees_open_leads_and_their_tasks()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var leaver = await admin.CreateUser(Roles.SalesRep, team.Id);
        var heir = await admin.CreateUser(Roles.SalesRep, team.Id);
        var leaverClient = await app.ClientFor(leaver.Email);
        var open = await LeadApiTests.Create(leaverClient, new { name = "周杰" });
        var reasons = await (await leaverClient.GetAsync("/api/lead-disqualify-reasons")).Read<List<DisqualifyReasonDto>>();
        var closed = await LeadApiTests.Create(leaverClient, new { name = "黄丽" });
        await (await leaverClient.PostAsJsonAsync($"/api/leads/{closed.Id}/disqualify", new { reason = reasons[0].Text }, Json)).ShouldBe(200);

        var task = await leaverClient.PostAsJsonAsync("/api/tasks", new { title = "周五回访周杰", dueAt = DateTime.UtcNow.AddDays(3), subjectType = "leads.lead", subjectId = open.Id }, Json);
        await task.ShouldBe(201);
        var taskId = (await task.Read<JsonElement>()).GetProperty("id").GetGuid();
        await (await admin.PostAsync($"/api/users/{leaver.Id}/deactivate", null)).ShouldBe(409);
        var handover = await (await app.ClientFor(manager.Email)).PostAsJsonAsync("/api/handovers", new { fromUserId = leaver.Id, toUserIds = new[] { heir.Id } }, Json);
        await handover.ShouldBe(201);
        (await handover.Read<JsonElement>()).GetProperty("other").GetProperty("leads").GetInt32().Should().Be(1);
        var moved = await (await admin.GetAsync($"/api/leads/{open.Id}")).Read<LeadDto>();
        moved.OwnerId.Should().Be(heir.Id);
        moved.RespondBy.Should().NotBeNull("the clock restarts for the new owner");
        (await (await admin.GetAsync($"/api/tasks/{taskId}")).Read<JsonElement>()).GetProperty("assigneeId").GetGuid()
            .Should().Be(heir.Id, "the open task about the lead goes with it");
        (await (await admin.GetAsync($"/api/leads/{closed.Id}")).Read<LeadDto>()).OwnerId.Should().Be(leaver.Id, "a disqualified lead is history");
    }

    [Fact]
    public async Task A_customer_merge_points_converted_leads_at_the_survivor()
    {
        var admin = await app.AdminClient();
        var survivor = await (await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("合并甲") + "有限公司" }, Json)).Read<CustomerDto>();
        var merged = await (await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("合并乙") + "有限公司" }, Json)).Read<CustomerDto>();
        var lead = await LeadApiTests.Create(admin, new { name = "吴敏" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Conversion is package D's; the link it leaves is all a merge follows.
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await db.Set<Lead>().Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ConvertedCustomerId, merged.Id)
                .SetProperty(l => l.Status, LeadStatus.Converted));
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge")
        {
            Content = JsonContent.Create(new { otherIds = new[] { merged.Id } }, options: Json),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{survivor.Version}\""));
        await (await admin.SendAsync(request)).ShouldBe(200);
        (await (await admin.GetAsync($"/api/leads/{lead.Id}")).Read<LeadDto>()).ConvertedCustomerId.Should().Be(survivor.Id);
        var reasons = await (await admin.GetAsync("/api/lead-disqualify-reasons")).Read<List<DisqualifyReasonDto>>();
        var refused = await admin.PostAsJsonAsync($"/api/leads/{lead.Id}/disqualify", new { reason = reasons[0].Text }, Json);
        await refused.ShouldBe(409);
        (await refused.Read<JsonElement>()).GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }
}

public sealed class LeadConnectionsTestsOnSqlite(SqliteApp app) : LeadConnectionsTests(app), IClassFixture<SqliteApp>;
public sealed class LeadConnectionsTestsOnPostgres(PostgresApp app) : LeadConnectionsTests(app), IClassFixture<PostgresApp>;
