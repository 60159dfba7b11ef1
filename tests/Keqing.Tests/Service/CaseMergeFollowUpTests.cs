using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Imports;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Service;

/// <summary>
/// What follows a case merge and a customer's grade changing elsewhere than the editor, through the HTTP host on both
/// providers: a merged case's field dispatches move to the surviving case (the technician reads that one and finds it on
/// their list); a customer import that overwrites a grade, and a customer merge that gives the survivor another grade or
/// brings cases from a customer of another grade, re-target the SLA clocks of the open cases.
/// </summary>
public abstract class CaseMergeFollowUpTests(ServiceApp app)
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_merged_case_s_dispatch_moves_to_the_surviving_case_and_its_technician_reads_that_one()
    {
        var admin = await app.AdminClient();
        var front = await admin.CreateTeam();
        var field = await admin.CreateTeam();
        var agent = await app.ClientFor((await admin.CreateUser(Roles.ServiceAgent, front.Id)).Email);
        var technicianUser = await admin.CreateUser(Roles.ServiceAgent, field.Id);
        var technician = await app.ClientFor(technicianUser.Email);
        var customer = await admin.NewCustomer();
        var survivor = await agent.NewCase(customer.Id, "repair", subject: ApiHelpers.Unique("监护仪黑屏"));
        var duplicate = await agent.NewCase(customer.Id, "repair", subject: ApiHelpers.Unique("监护仪又黑屏"));
        var from = Now.AddHours(2);
        var sent = await agent.PostAsJsonAsync($"/api/cases/{duplicate.Id}/dispatch",
            new { technicianId = technicianUser.Id, from, to = from.AddHours(2), note = "带电源板" }, ApiHelpers.Json);
        await sent.ShouldBe(201);
        var dispatch = await sent.Read<DispatchDto>();
        await (await technician.GetAsync($"/api/cases/{survivor.Id}")).ShouldBe(404);

        await (await agent.Act(duplicate.Id, "merge", new { intoId = survivor.Id })).ShouldBe(200);

        var moved = (await (await agent.GetAsync($"/api/cases/{survivor.Id}/dispatches")).Read<List<DispatchDto>>()).Should().ContainSingle().Subject;
        (moved.Id, moved.RecordId, moved.RecordLabel, moved.RecordLink, moved.Note)
            .Should().Be((dispatch.Id, survivor.Id, survivor.Number, $"/cases/{survivor.Id}", "带电源板"));
        (await (await agent.GetAsync($"/api/cases/{duplicate.Id}/dispatches")).Read<List<DispatchDto>>()).Should().BeEmpty();
        (await technician.Case(survivor.Id)).Number.Should().Be(survivor.Number, "the technician keeps access through the dispatch");
        (await (await technician.GetAsync("/api/me/dispatches")).Read<List<DispatchDto>>())
            .Should().ContainSingle(d => d.Id == dispatch.Id).Which.RecordLabel.Should().Be(survivor.Number);
        var result = await technician.PostAsJsonAsync($"/api/dispatches/{dispatch.Id}/result", new { outcome = "done", note = "已修好" }, ApiHelpers.Json);
        await result.ShouldBe(200);
        (await agent.Case(survivor.Id)).Messages.Should().Contain(m => m.Kind == CaseMessageKind.Note && m.Body.Contains("已修好"),
            "the result is noted on the case the dispatch now belongs to");
    }

    [Fact]
    public async Task An_import_overwriting_a_customer_s_grade_retargets_the_sla_of_their_open_case()
    {
        var admin = await app.AdminClient();
        var (gradeA, general) = await Policies(admin, "repair");
        var customer = await admin.NewCustomer(grade: "B");
        var opened = Now;
        var open = await admin.NewCase(customer.Id, "repair");
        (await Clock(admin, open.Id)).PolicyName.Should().Be(general);

        await ImportApiTests.Import(admin, Csv($"公司名称,客户等级\r\n{customer.Name},A\r\n"), mode: "fillEmpty");
        (await Clock(admin, open.Id)).PolicyName.Should().Be(general, "fill-empty keeps a grade the customer has");

        var overwrite = await ImportApiTests.Import(admin, Csv($"公司名称,客户等级\r\n{customer.Name},A\r\n"), mode: "overwrite");
        overwrite.Merged.Should().Be(1);
        var clock = await Clock(admin, open.Id);
        clock.PolicyName.Should().Be(gradeA);
        clock.Targets.Select(t => t.TargetMinutes).Should().Equal(30, 120);
        clock.Targets[1].DueAt.Should().BeCloseTo(opened.AddMinutes(120), TimeSpan.FromSeconds(1), "targets count from the case's start");
    }

    [Fact]
    public async Task A_customer_merge_retargets_the_open_cases_of_the_survivor_and_those_it_brings()
    {
        var admin = await app.AdminClient();
        var (gradeA, general) = await Policies(admin, "complaint");
        var survivor = await admin.NewCustomer(grade: "B");
        var other = await admin.NewCustomer(grade: "A");
        var survivorCase = await admin.NewCase(survivor.Id, "complaint");
        var otherCase = await admin.NewCase(other.Id, "complaint");
        (await Clock(admin, survivorCase.Id)).PolicyName.Should().Be(general);
        (await Clock(admin, otherCase.Id)).PolicyName.Should().Be(gradeA);

        // The survivor takes the other's grade: both open cases are now an A customer's.
        await Merge(admin, survivor.Id, new { otherIds = new[] { other.Id }, fields = new { grade = other.Id } });
        (await Clock(admin, survivorCase.Id)).PolicyName.Should().Be(gradeA);
        (await Clock(admin, otherCase.Id)).PolicyName.Should().Be(gradeA);

        // A customer of grade C merged in, the survivor keeping its A: the case it brings becomes an A customer's.
        var third = await admin.NewCustomer(grade: "C");
        var thirdCase = await admin.NewCase(third.Id, "complaint");
        (await Clock(admin, thirdCase.Id)).PolicyName.Should().Be(general);
        await Merge(admin, survivor.Id, new { otherIds = new[] { third.Id } });
        (await Clock(admin, thirdCase.Id)).PolicyName.Should().Be(gradeA);
    }

    private static byte[] Csv(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>A 7×24 calendar, a policy for grade A customers' cases of the type and a general one; their names.</summary>
    private static async Task<(string GradeA, string General)> Policies(HttpClient admin, string type)
    {
        var gradeA = ApiHelpers.Unique("A级客户");
        var general = ApiHelpers.Unique("一般");
        var calendar = await admin.PostAsJsonAsync("/api/calendars", new
        {
            name = ApiHelpers.Unique("7x24"), timeZone = "Asia/Shanghai",
            weeklyHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), start = "00:00", end = "00:00" }).ToArray(),
        }, ApiHelpers.Json);
        await calendar.ShouldBe(201);
        var calendarId = (await calendar.Read<Keqing.Modules.Calendar.Contracts.NamedCalendarDto>()).Id;
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = gradeA, recordType = "service.case", types = new[] { type }, grades = new[] { "A" }, firstResponseMinutes = 30, resolutionMinutes = 120, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);
        await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = general, recordType = "service.case", types = new[] { type }, firstResponseMinutes = 240, resolutionMinutes = 2400, calendarId,
        }, ApiHelpers.Json)).ShouldBe(201);
        return (gradeA, general);
    }

    private static async Task<SlaClockDto> Clock(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}/sla");
        await response.ShouldBe(200);
        return await response.Read<SlaClockDto>();
    }

    private static async Task Merge(HttpClient admin, Guid survivorId, object body)
    {
        var current = await (await admin.GetAsync($"/api/customers/{survivorId}")).Read<CustomerDto>();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivorId}/merge") { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{current.Version}\""));
        await (await admin.SendAsync(request)).ShouldBe(200);
    }
}

public sealed class CaseMergeFollowUpTestsOnSqlite(SqliteServiceApp app) : CaseMergeFollowUpTests(app), IClassFixture<SqliteServiceApp>;
public sealed class CaseMergeFollowUpTestsOnPostgres(PostgresServiceApp app) : CaseMergeFollowUpTests(app), IClassFixture<PostgresServiceApp>;
