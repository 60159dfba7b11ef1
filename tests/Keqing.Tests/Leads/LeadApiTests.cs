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

/// <summary>Leads through the API on both providers: CRUD, filters and keyset paging, activities and the clock, status changes, validation.</summary>
public abstract class LeadApiTests(KeqingApp app)
{
    private static readonly JsonSerializerOptions Json = ApiHelpers.Json;

    private async Task<(HttpClient Client, UserDto User)> NewRep(string role = Roles.SalesRep, Guid? teamId = null)
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(role, teamId ?? (await admin.CreateTeam()).Id);
        return (await app.ClientFor(rep.Email), rep);
    }

    public static string Mobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    public static async Task<LeadDto> Create(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/leads", body, Json);
        await response.ShouldBe(201);
        return await response.Read<LeadDto>();
    }

    public static Task<HttpResponseMessage> Put(HttpClient client, Guid id, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/leads/{id}") { Content = JsonContent.Create(body, options: Json) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }

    public static async Task<Page<LeadDto>> List(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/leads?" + query);
        await response.ShouldBe(200);
        return await response.Read<Page<LeadDto>>();
    }

    [Fact]
    public async Task Create_read_update_and_archive_a_lead_keeping_its_lookups_in_step()
    {
        var (rep, user) = await NewRep();
        var (phone, newPhone) = (Mobile(), Mobile());
        var marker = ApiHelpers.Unique("线索");
        var lead = await Create(rep, new
        {
            name = "王建国", company = marker + "医疗器械有限公司", title = "采购经理", phones = new[] { phone }, emails = new[] { "Wang@Example.cn" },
            province = "浙江", city = "杭州", industry = "医疗器械", companySize = "medium", source = "tradeShow", sourceDetail = "2026 医博会",
            legalBasis = "consent", notes = "想看演示",
        });
        lead.OwnerId.Should().Be(user.Id, "the caller is the fallback owner");
        lead.TeamId.Should().Be(user.TeamId);
        lead.Status.Should().Be(LeadStatus.New);
        lead.Source.Should().Be(LeadSource.TradeShow);
        lead.RespondBy.Should().NotBeNull("every new lead gets a respond-by time");

        var get = await rep.GetAsync($"/api/leads/{lead.Id}");
        await get.ShouldBe(200);
        get.Headers.ETag!.Tag.Should().Be($"\"{lead.Version}\"");
        (await List(rep, "q=" + Uri.EscapeDataString(phone))).Items.Should().ContainSingle(l => l.Id == lead.Id, "found by its phone");
        (await List(rep, "q=wang@example.cn")).Items.Should().Contain(l => l.Id == lead.Id, "found by its email in any case");
        (await List(rep, "q=" + Uri.EscapeDataString(marker.ToUpperInvariant()))).Items.Should().ContainSingle(l => l.Id == lead.Id);

        var body = new { name = "王建国", company = marker + "医疗器械有限公司", phones = new[] { newPhone }, source = "tradeShow", companySize = "large", legalBasis = "consent" };
        await (await Put(rep, lead.Id, null, body)).ShouldBe(428);
        await (await Put(rep, lead.Id, lead.Version + 5, body)).ShouldBe(412);
        var put = await Put(rep, lead.Id, lead.Version, body);
        await put.ShouldBe(200);
        var updated = await put.Read<LeadDto>();
        updated.Phones.Should().Equal(newPhone);
        updated.CompanySize.Should().Be(CompanySize.Large);
        (await List(rep, "q=" + Uri.EscapeDataString(phone))).Items.Should().BeEmpty("the old phone's lookup is gone");
        (await List(rep, "q=" + Uri.EscapeDataString(newPhone))).Items.Should().ContainSingle(l => l.Id == lead.Id);

        await (await rep.DeleteAsync($"/api/leads/{lead.Id}")).ShouldBe(204);
        (await List(rep, "q=" + Uri.EscapeDataString(marker))).Items.Should().BeEmpty("an archived lead leaves the list");
        (await List(rep, "archived=true&q=" + Uri.EscapeDataString(marker))).Items.Should().ContainSingle(l => l.Id == lead.Id);
        await (await rep.GetAsync($"/api/leads/{lead.Id}")).ShouldBe(200);
    }

    [Fact]
    public async Task A_bad_lead_is_a_400_naming_every_field()
    {
        var (rep, _) = await NewRep();
        var response = await rep.PostAsJsonAsync("/api/leads", new
        {
            name = "", company = " ", phones = new[] { "12" }, emails = new[] { "not-an-email" }, creditCode = "123",
            title = new string('x', 101), city = new string('x', 51),
        }, Json);
        await response.ShouldBe(400);
        var errors = (await response.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "phones", "emails", "creditCode", "title", "city" })
            errors.TryGetProperty(field, out _).Should().BeTrue($"{field} is named");
    }

    [Fact]
    public async Task Only_an_admin_or_the_owners_manager_gives_a_new_lead_to_someone_else()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var (rep, _) = await NewRep(teamId: team.Id);
        var (_, teammate) = await NewRep(teamId: team.Id);
        var managerClient = await app.ClientFor(manager.Email);

        var refused = await rep.PostAsJsonAsync("/api/leads", new { name = "李四", ownerId = teammate.Id }, Json);
        await refused.ShouldBe(400);
        (await refused.Read<JsonElement>()).GetProperty("errors").TryGetProperty("ownerId", out _).Should().BeTrue();
        (await Create(managerClient, new { name = "李四", ownerId = teammate.Id })).OwnerId.Should().Be(teammate.Id);
        (await Create(admin, new { name = "李四", ownerId = teammate.Id })).TeamId.Should().Be(team.Id);
    }

    [Fact]
    public async Task The_list_filters_and_pages_by_keyset_newest_first()
    {
        var (rep, user) = await NewRep();
        var marker = ApiHelpers.Unique("分页");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await Create(rep, new { name = $"{marker}-{i}", source = i % 2 == 0 ? "webForm" : "referral" })).Id);
        var q = "q=" + Uri.EscapeDataString(marker);

        var first = await List(rep, q + "&limit=2");
        first.Items.Select(l => l.Id).Should().Equal(ids[4], ids[3]);
        first.Next.Should().NotBeNull();
        var second = await List(rep, q + "&limit=2&after=" + first.Next);
        second.Items.Select(l => l.Id).Should().Equal(ids[2], ids[1]);
        var third = await List(rep, q + "&limit=2&after=" + second.Next);
        third.Items.Select(l => l.Id).Should().Equal(ids[0]);
        third.Next.Should().BeNull();

        (await List(rep, q + "&source=referral")).Items.Select(l => l.Id).Should().BeEquivalentTo([ids[1], ids[3]]);
        (await List(rep, q + $"&ownerId={user.Id}&teamId={user.TeamId}&status=new")).Items.Should().HaveCount(5);
        (await List(rep, q + "&status=qualified")).Items.Should().BeEmpty();
        (await List(rep, q + "&hot=true")).Items.Should().BeEmpty("no scoring rule gave points");
        (await List(rep, q + "&createdFrom=" + Uri.EscapeDataString(DateTime.UtcNow.AddHours(1).ToString("O")))).Items.Should().BeEmpty();
        (await List(rep, q + "&createdTo=" + Uri.EscapeDataString(DateTime.UtcNow.AddHours(1).ToString("O")))).Items.Should().HaveCount(5);
        var count = await (await rep.GetAsync("/api/leads/count?" + q + "&source=webForm")).Read<JsonElement>();
        count.GetProperty("count").GetInt32().Should().Be(3);
        await (await rep.GetAsync("/api/leads?status=nonsense")).ShouldBe(400);
        await (await rep.GetAsync("/api/leads?after=garbage")).ShouldBe(400);
    }

    [Fact]
    public async Task A_logged_call_stops_the_clock_and_the_lead_moves_through_its_statuses()
    {
        var (rep, _) = await NewRep();
        var lead = await Create(rep, new { name = "张伟", company = "恒通贸易" });

        var note = await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "note", text = "先记一笔" }, Json);
        await note.ShouldBe(201);
        (await (await rep.GetAsync($"/api/leads/{lead.Id}")).Read<LeadDto>()).FirstRespondedAt.Should().BeNull("a note is not an answer");

        await (await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "fax" }, Json)).ShouldBe(400);
        var call = await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/activities", new { kind = "call", text = "电话沟通" }, Json);
        await call.ShouldBe(201);
        var contacted = await (await rep.GetAsync($"/api/leads/{lead.Id}")).Read<LeadDto>();
        contacted.Status.Should().Be(LeadStatus.Contacted);
        contacted.FirstRespondedAt.Should().NotBeNull();
        var history = await (await rep.GetAsync($"/api/leads/{lead.Id}/activities")).Read<List<LeadActivityDto>>();
        history.Select(a => a.Kind).Should().Contain([LeadActivityKind.Created, LeadActivityKind.Note, LeadActivityKind.Call, LeadActivityKind.StatusChanged]);

        var unlisted = await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/disqualify", new { reason = "看着不顺眼" }, Json);
        await unlisted.ShouldBe(400);
        var reasons = await (await rep.GetAsync("/api/lead-disqualify-reasons")).Read<List<DisqualifyReasonDto>>();
        reasons.Should().NotBeEmpty("a few reasons are there on first use");
        var disqualified = await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/disqualify", new { reason = reasons[0].Text }, Json);
        await disqualified.ShouldBe(200);
        (await disqualified.Read<LeadDto>()).DisqualifyReason.Should().Be(reasons[0].Text);
        var again = await rep.PostAsJsonAsync($"/api/leads/{lead.Id}/disqualify", new { reason = reasons[0].Text }, Json);
        await again.ShouldBe(409);
        (await again.Read<JsonElement>()).GetProperty("title").GetString().Should().NotBe("Conflict", "the title says what is wrong");

        var qualified = await rep.PostAsync($"/api/leads/{lead.Id}/qualify", null);
        await qualified.ShouldBe(200);
        var q = await qualified.Read<LeadDto>();
        q.Status.Should().Be(LeadStatus.Qualified);
        q.DisqualifyReason.Should().BeNull();
        await (await rep.PostAsync($"/api/leads/{lead.Id}/qualify", null)).ShouldBe(200);
    }

    [Fact]
    public async Task Only_rule_managers_change_the_disqualification_reasons()
    {
        var (rep, _) = await NewRep();
        var (manager, _) = await NewRep(Roles.SalesManager);
        var text = ApiHelpers.Unique("预算冻结");
        await (await rep.PostAsJsonAsync("/api/lead-disqualify-reasons", new { text }, Json)).ShouldBe(403);
        var created = await manager.PostAsJsonAsync("/api/lead-disqualify-reasons", new { text }, Json);
        await created.ShouldBe(201);
        var reason = await created.Read<DisqualifyReasonDto>();
        await (await manager.PostAsJsonAsync("/api/lead-disqualify-reasons", new { text }, Json)).ShouldBe(400);
        await (await manager.PutAsJsonAsync($"/api/lead-disqualify-reasons/{reason.Id}", new { text, active = false }, Json)).ShouldBe(200);
        (await (await rep.GetAsync("/api/lead-disqualify-reasons")).Read<List<DisqualifyReasonDto>>()).Should().NotContain(r => r.Id == reason.Id);
        (await (await manager.GetAsync("/api/lead-disqualify-reasons?all=true")).Read<List<DisqualifyReasonDto>>()).Should().Contain(r => r.Id == reason.Id);
        await (await manager.DeleteAsync($"/api/lead-disqualify-reasons/{reason.Id}")).ShouldBe(204);
        await (await manager.DeleteAsync($"/api/lead-disqualify-reasons/{reason.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task A_marketer_sees_no_notes_and_a_save_keeps_what_they_could_not_see()
    {
        var (marketer, _) = await NewRep(Roles.Marketer);
        var lead = await Create(marketer, new { name = "陈静", phones = new[] { Mobile() }, notes = "家里有事，下月再联系" });
        var shown = await (await marketer.GetAsync($"/api/leads/{lead.Id}")).Read<LeadDto>();
        shown.Notes.Should().Be("***");
        shown.Phones.Should().NotContain("***", "a marketer sees contact details");
        shown.Masked.Should().Contain("notes");
        await (await Put(marketer, lead.Id, shown.Version, new { name = "陈静", phones = shown.Phones, notes = "***" })).ShouldBe(200);
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == lead.Id);
        stored.Notes.Should().Be("家里有事，下月再联系");
    }
}

public sealed class LeadApiTestsOnSqlite(SqliteApp app) : LeadApiTests(app), IClassFixture<SqliteApp>;
public sealed class LeadApiTestsOnPostgres(PostgresApp app) : LeadApiTests(app), IClassFixture<PostgresApp>;
