using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Tests.FieldWork;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// Field dispatch of repair cases through the HTTP host on both providers (issue 16 item 4): an agent sends a technician
/// of another team for a window; the technician is notified, reads the case (and nothing more), sees it on their list,
/// checks in, adds a photo and logs the result once; the case shows the dispatch with the result and photo, its
/// conversation and the customer's timeline record both, and the case stays open until the agent resolves it.
/// And a customer's new grade re-targets the SLA clocks of their open cases; a customer's or contact's export holds the
/// dispatch notes and results of their cases, and erasure clears them, keeping who was sent when and the outcome.
/// </summary>
public abstract class CaseDispatchTests(ServiceApp app)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private sealed record People(HttpClient Admin, HttpClient Agent, HttpClient Technician, UserDto TechnicianUser, HttpClient Outsider, UserDto SalesRep);

    private async Task<People> Staff()
    {
        var admin = await app.AdminClient();
        var front = await admin.CreateTeam();
        var field = await admin.CreateTeam();
        var agent = await admin.CreateUser(Roles.ServiceAgent, front.Id);
        var technician = await admin.CreateUser(Roles.ServiceAgent, field.Id);
        var outsider = await admin.CreateUser(Roles.ServiceAgent, field.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, front.Id);
        return new People(admin, await app.ClientFor(agent.Email), await app.ClientFor(technician.Email), technician, await app.ClientFor(outsider.Email), rep);
    }

    private static Task<HttpResponseMessage> Dispatch(HttpClient client, Guid caseId, object body) =>
        client.PostAsJsonAsync($"/api/cases/{caseId}/dispatch", body, ApiHelpers.Json);

    private static async Task<List<DispatchDto>> DispatchesOf(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/dispatches");
        await response.ShouldBe(200);
        return await response.Read<List<DispatchDto>>();
    }

    [Fact]
    public async Task A_repair_is_dispatched_the_technician_reads_the_case_logs_the_result_from_the_site_and_the_agent_still_resolves_it()
    {
        var p = await Staff();
        var customer = await p.Admin.NewCustomer();
        var repair = await p.Agent.NewCase(customer.Id, "repair");
        var from = Now.AddHours(2);

        var bad = await Dispatch(p.Agent, repair.Id, new { from, to = from.AddHours(-1) });
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("\"technicianId\"").And.Contain("\"to\"");
        var notATechnician = await Dispatch(p.Agent, repair.Id, new { technicianId = p.SalesRep.Id, from, to = from.AddHours(2) });
        await notATechnician.ShouldBe(400);
        (await notATechnician.Content.ReadAsStringAsync()).Should().Contain("\"technicianId\"");
        await (await Dispatch(p.Agent, (await p.Agent.NewCase(customer.Id, "question")).Id,
            new { technicianId = p.TechnicianUser.Id, from, to = from.AddHours(2) })).ShouldBe(409);
        await (await p.Technician.GetAsync($"/api/cases/{repair.Id}")).ShouldBe(404); // not dispatched yet, another team's case
        await (await Dispatch(p.Technician, repair.Id, new { technicianId = p.TechnicianUser.Id, from, to = from.AddHours(2) })).ShouldBe(404);

        var sent = await Dispatch(p.Agent, repair.Id, new { technicianId = p.TechnicianUser.Id, from, to = from.AddHours(3), note = "带上备用电源板" });
        await sent.ShouldBe(201);
        var dispatch = await sent.Read<DispatchDto>();
        (dispatch.Status, dispatch.TechnicianId, dispatch.CustomerName, dispatch.RecordLabel, dispatch.Note)
            .Should().Be((DispatchStatus.Planned, p.TechnicianUser.Id, customer.Name, repair.Number, "带上备用电源板"));
        dispatch.WindowFrom.Should().BeCloseTo(from, TimeSpan.FromSeconds(1));

        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Notification>().AsNoTracking()
                    .CountAsync(n => n.UserId == p.TechnicianUser.Id && n.Link == "/field/dispatches"))
                .Should().Be(1, "the technician is told of the dispatch");

        // The technician reads the case they are sent to, but does not work it; a colleague of theirs does not see it.
        (await p.Technician.Case(repair.Id)).Number.Should().Be(repair.Number);
        await (await p.Technician.Act(repair.Id, "note", new { body = "我来改" })).ShouldBe(403);
        await (await p.Outsider.GetAsync($"/api/cases/{repair.Id}")).ShouldBe(404);
        await (await p.Outsider.GetAsync($"/api/cases/{repair.Id}/dispatches")).ShouldBe(404);

        var mine = await (await p.Technician.GetAsync("/api/me/dispatches")).Read<List<DispatchDto>>();
        mine.Should().ContainSingle(d => d.Id == dispatch.Id);
        (await (await p.Agent.GetAsync("/api/me/dispatches")).Read<List<DispatchDto>>()).Should().NotContain(d => d.Id == dispatch.Id);

        // On site: check in, a photo, the result (once; only the technician).
        app.Clock.Advance(TimeSpan.FromHours(2));
        var visit = await p.Technician.CheckIn(customer.Id);
        await (await p.Technician.UploadPhoto(visit.Id, FieldWorkApi.Png())).ShouldBe(201);
        var noOutcome = await p.Technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { note = "已更换" }, ApiHelpers.Json);
        await noOutcome.ShouldBe(400);
        (await noOutcome.Content.ReadAsStringAsync()).Should().Contain("\"outcome\"");
        await (await p.Agent.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { outcome = "done" }, ApiHelpers.Json)).ShouldBe(404);
        await (await p.Outsider.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { outcome = "done" }, ApiHelpers.Json)).ShouldBe(404);
        await (await p.Technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result",
            new { outcome = "done", visitId = Guid.NewGuid() }, ApiHelpers.Json)).ShouldBe(400);
        var logged = await p.Technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result",
            new { outcome = "done", note = "更换电源板后开机正常", visitId = visit.Id }, ApiHelpers.Json);
        await logged.ShouldBe(200);
        (await logged.Read<DispatchDto>()).Status.Should().Be(DispatchStatus.Done);
        await (await p.Technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { outcome = "needsParts" }, ApiHelpers.Json)).ShouldBe(409);
        await p.Technician.CheckOut(visit.Id);

        var shown = (await DispatchesOf(p.Agent, repair.Id)).Single();
        (shown.Status, shown.ResultNote, shown.Visit!.Id, shown.Visit.Photos.Count).Should().Be((DispatchStatus.Done, "更换电源板后开机正常", visit.Id, 1));
        var c = await p.Agent.Case(repair.Id);
        c.Status.Should().NotBe(CaseStatus.Resolved, "a result never resolves the case by itself");
        c.Messages.Where(m => m.Kind == CaseMessageKind.Note).Select(m => m.Body).Should()
            .Contain(b => b.Contains("带上备用电源板")).And.Contain(b => b.Contains("更换电源板后开机正常"));
        (await p.Admin.Timeline(customer.Id)).Items.Should().Contain(e => e.Title.Contains(repair.Number) && e.Summary!.Contains("更换电源板后开机正常"));
        await (await p.Agent.Act(repair.Id, "resolve")).ShouldBe(200);
        await (await Dispatch(p.Agent, repair.Id, new { technicianId = p.TechnicianUser.Id, from = Now.AddHours(1), to = Now.AddHours(2) })).ShouldBe(409);
    }

    /// <summary>A repair dispatched with a note and its result logged, on a case the contact raised.</summary>
    private async Task<(People P, CaseDto Case, DispatchDto Dispatch, string Note, string Result)> Dispatched(CustomerDto customer, Guid? contactId)
    {
        var p = await Staff();
        var repair = await p.Agent.NewCase(customer.Id, "repair", contactId: contactId);
        var note = ApiHelpers.Unique("住院部三楼东侧，找王芳护士长");
        var sent = await Dispatch(p.Agent, repair.Id, new { technicianId = p.TechnicianUser.Id, from = Now.AddHours(1), to = Now.AddHours(3), note });
        await sent.ShouldBe(201);
        var dispatch = await sent.Read<DispatchDto>();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var result = ApiHelpers.Unique("王芳反映设备放在病人床边");
        await (await p.Technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { outcome = "done", note = result }, ApiHelpers.Json)).ShouldBe(200);
        return (p, repair, dispatch, note, result);
    }

    private static async Task<string> ExportedJson(HttpClient admin, string subjects, Guid id)
    {
        var export = await admin.GetAsync($"/api/privacy/subjects/{subjects}/{id}/export");
        await export.ShouldBe(200);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        return await new StreamReader(zip.GetEntry("subject.json")!.Open()).ReadToEndAsync();
    }

    [Fact]
    public async Task A_customer_s_export_holds_their_dispatch_notes_and_results_and_erasure_clears_them_keeping_who_went_when()
    {
        var admin = await app.AdminClient();
        // Erasure is for a person; an organisation's personal data is its contacts'.
        var customer = await Keqing.Tests.Customers.CustomerApiTests.Create(admin, new
        {
            kind = "person", name = ApiHelpers.Unique("王芳"), phones = new[] { "136" + Random.Shared.Next(10_000_000, 99_999_999) }, legalBasis = "contract",
        });
        var d = await Dispatched(customer, null);

        var before = await ExportedJson(admin, "customers", customer.Id);
        before.Should().Contain(d.Note).And.Contain(d.Result);
        var export = await admin.GetAsync($"/api/privacy/subjects/customers/{customer.Id}/export");
        using (var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync()))
            new StreamReader(zip.GetEntry("field-work-dispatches.csv")!.Open()).ReadToEnd().Should().Contain(d.Note).And.Contain(d.Result);

        await (await admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{customer.Id}/erase", new { reason = "本人要求删除" }, ApiHelpers.Json)).ShouldBe(200);
        var erased = (await DispatchesOf(admin, d.Case.Id)).Single();
        (erased.Note, erased.ResultNote).Should().Be(((string?)null, (string?)null));
        (erased.Status, erased.TechnicianId, erased.WindowFrom).Should().Be((DispatchStatus.Done, d.Dispatch.TechnicianId, d.Dispatch.WindowFrom));
        erased.ResultAt.Should().NotBeNull("when the technician logged the result stays");
        var after = await ExportedJson(admin, "customers", customer.Id);
        after.Should().NotContain(d.Note).And.NotContain(d.Result);
    }

    [Fact]
    public async Task A_contact_s_export_holds_the_dispatches_of_the_cases_they_raised_and_erasure_clears_them_there_too()
    {
        var admin = await app.AdminClient();
        var customer = await admin.NewCustomer();
        var contactResponse = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "王芳" }, ApiHelpers.Json);
        await contactResponse.ShouldBe(201);
        var contact = await contactResponse.Read<ContactDto>();
        var theirs = await Dispatched(customer, contact.Id);
        var other = await Dispatched(customer, null); // the customer's case that another person raised

        var before = await ExportedJson(admin, "contacts", contact.Id);
        before.Should().Contain(theirs.Note).And.Contain(theirs.Result).And.NotContain(other.Note);

        await (await admin.PostAsJsonAsync($"/api/privacy/subjects/contacts/{contact.Id}/erase", new { reason = "本人要求删除" }, ApiHelpers.Json)).ShouldBe(200);
        var erased = (await DispatchesOf(admin, theirs.Case.Id)).Single();
        (erased.Note, erased.ResultNote, erased.Status).Should().Be(((string?)null, (string?)null, DispatchStatus.Done));
        var kept = (await DispatchesOf(admin, other.Case.Id)).Single();
        (kept.Note, kept.ResultNote).Should().Be((other.Note, other.Result), "another person's case keeps its dispatch");
        (await ExportedJson(admin, "contacts", contact.Id)).Should().NotContain(theirs.Note).And.NotContain(theirs.Result);
    }

    [Fact]
    public async Task A_customers_new_grade_retargets_the_sla_of_their_open_cases()
    {
        var admin = await app.AdminClient();
        var gradeA = ApiHelpers.Unique("A级客户维修");
        var general = ApiHelpers.Unique("一般维修");
        var calendar = await admin.PostAsJsonAsync("/api/calendars", new
        {
            name = ApiHelpers.Unique("7x24"), timeZone = "Asia/Shanghai",
            weeklyHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), start = "00:00", end = "00:00" }).ToArray(),
        }, ApiHelpers.Json);
        await calendar.ShouldBe(201);
        var calendarId = (await calendar.Read<Keqing.Modules.Calendar.Contracts.NamedCalendarDto>()).Id;
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = gradeA, recordType = "service.case", types = new[] { "repair" }, grades = new[] { "A" }, firstResponseMinutes = 30, resolutionMinutes = 120, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = general, recordType = "service.case", types = new[] { "repair" }, firstResponseMinutes = 240, resolutionMinutes = 2400, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);

        var customer = await admin.NewCustomer(grade: "B");
        var opened = Now;
        var open = await admin.NewCase(customer.Id, "repair");
        var resolved = await admin.NewCase(customer.Id, "repair");
        await (await admin.Act(resolved.Id, "resolve")).ShouldBe(200);
        (await Clock(admin, open.Id)).PolicyName.Should().Be(general);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await SetGrade(admin, customer.Id, "A");
        var upgraded = await Clock(admin, open.Id);
        upgraded.PolicyName.Should().Be(gradeA);
        upgraded.Targets.Select(t => t.TargetMinutes).Should().Equal(30, 120);
        upgraded.Targets[1].DueAt.Should().BeCloseTo(opened.AddMinutes(120), TimeSpan.FromSeconds(1), "targets count from the case's start");
        (await Clock(admin, resolved.Id)).PolicyName.Should().Be(general, "a resolved case keeps the clock it was judged on");

        await SetGrade(admin, customer.Id, "C");
        (await Clock(admin, open.Id)).PolicyName.Should().Be(general);
    }

    private static async Task<SlaClockDto> Clock(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/sla");
        await response.ShouldBe(200);
        return await response.Read<SlaClockDto>();
    }

    private static async Task SetGrade(HttpClient admin, Guid customerId, string grade)
    {
        var current = await (await admin.GetAsync($"/api/customers/{customerId}")).Read<CustomerDto>();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customerId}")
        {
            Content = JsonContent.Create(new { kind = "organization", name = current.Name, grade }, options: ApiHelpers.Json),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{current.Version}\""));
        await (await admin.SendAsync(request)).ShouldBe(200);
    }
}

public sealed class CaseDispatchTestsOnSqlite(SqliteServiceApp app) : CaseDispatchTests(app), IClassFixture<SqliteServiceApp>;
public sealed class CaseDispatchTestsOnPostgres(PostgresServiceApp app) : CaseDispatchTests(app), IClassFixture<PostgresServiceApp>;
