using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Sla.Jobs;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Sla;

/// <summary>
/// Calendars, SLA policies and the SLA engine on both providers, with the tests' own record type
/// (<c>tests.ticket-…</c>: the engine takes any key) on the fake clock: the seeded holidays, calendar and policy CRUD
/// with field errors and If-Match, and the scan job's warnings, breaches and escalations.
/// </summary>
public abstract class SlaApiTests(ClockedKeqingApp app)
{
    private static readonly JsonSerializerOptions Json = ApiHelpers.Json;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static object RoundTheClock(string name) => new
    {
        name, timeZone = "Asia/Shanghai",
        weeklyHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), start = "00:00", end = "00:00" }).ToArray(),
    };

    /// <summary>A 7×24 calendar (business time is wall time, so the tests do not depend on the fake clock's weekday).</summary>
    private static async Task<Guid> RoundTheClockCalendar(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/calendars", RoundTheClock(ApiHelpers.Unique("7x24")), Json, Ct);
        await created.ShouldBe(201);
        return (await created.Read<NamedCalendarDto>()).Id;
    }

    [Fact]
    public async Task The_default_calendar_holds_the_seeded_holidays_and_make_up_days_of_every_year_chinese_days_has()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        var list = await (await rep.GetAsync("/api/calendars", Ct)).Read<List<CalendarSummaryDto>>();
        var first = list[0];
        first.IsDefault.Should().BeTrue();
        first.Id.Should().Be(Calendars.DefaultId);
        first.Holidays.Should().BeGreaterThan(600, "2004–2026");

        var response = await rep.GetAsync($"/api/calendars/{Calendars.DefaultId}", Ct);
        await response.ShouldBe(200);
        var calendar = await response.Read<NamedCalendarDto>();
        calendar.TimeZone.Should().Be("Asia/Shanghai");
        // 2025's Spring Festival (28 January – 4 February) and its make-up days, Sunday 26 January and Saturday 8 February.
        calendar.Holidays.Where(h => h.Name == "春节" && h.Date.Year == 2025).Select(h => h.Date)
            .Should().Equal(Enumerable.Range(0, 8).Select(i => new DateOnly(2025, 1, 28).AddDays(i)));
        calendar.MakeUpWorkdays.Select(d => d.Date).Should().Contain(new[] { new DateOnly(2025, 1, 26), new DateOnly(2025, 2, 8) });
        calendar.Holidays.Should().Contain(new CalendarDayDto(new DateOnly(2004, 10, 1), "国庆节"));
        await (await rep.GetAsync($"/api/calendars/{Guid.NewGuid()}", Ct)).ShouldBe(404);
    }

    [Fact]
    public async Task Admins_create_change_and_delete_calendars_with_every_bad_field_named()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        var name = ApiHelpers.Unique("北京");
        await (await rep.PostAsJsonAsync("/api/calendars", RoundTheClock(name), Json, Ct)).ShouldBe(403);

        var bad = await admin.PostAsJsonAsync("/api/calendars", new
        {
            name = "", timeZone = "Mars/Olympus", weeklyHours = new[] { new { day = "monday", start = "18:00", end = "09:00" } },
            holidays = new[] { new { date = "2026-10-01" }, new { date = "2026-10-01" } },
        }, Json, Ct);
        await bad.ShouldBe(400);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("name", "timeZone", "weeklyHours", "holidays");

        var created = await admin.PostAsJsonAsync("/api/calendars", RoundTheClock(name), Json, Ct);
        await created.ShouldBe(201);
        var calendar = await created.Read<NamedCalendarDto>();
        calendar.IsDefault.Should().BeFalse();
        created.Headers.ETag!.Tag.Should().Be("\"1\"");
        await (await admin.PostAsJsonAsync("/api/calendars", RoundTheClock(name.ToUpperInvariant()), Json, Ct)).ShouldBe(400);

        var change = new { name, timeZone = "Europe/Berlin", weeklyHours = new[] { new { day = "monday", start = "09:00", end = "17:00" } },
            holidays = new[] { new { date = "2026-12-25", name = "Weihnachten" } } };
        await (await admin.SendAsync(Send(HttpMethod.Put, $"/api/calendars/{calendar.Id}", change), Ct)).ShouldBe(428);
        await (await admin.SendAsync(Send(HttpMethod.Put, $"/api/calendars/{calendar.Id}", change, "\"9\""), Ct)).ShouldBe(412);
        var changed = await admin.SendAsync(Send(HttpMethod.Put, $"/api/calendars/{calendar.Id}", change, "\"1\""), Ct);
        await changed.ShouldBe(200);
        (await changed.Read<NamedCalendarDto>()).Holidays.Should().ContainSingle().Which.Name.Should().Be("Weihnachten");

        // In use by a policy: 409 until the policy goes.
        var policy = await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = "on the calendar", recordType = ApiHelpers.Unique("tests.ticket"), resolutionMinutes = 60, calendarId = calendar.Id,
        }, Json, Ct);
        await policy.ShouldBe(201);
        await (await admin.DeleteAsync($"/api/calendars/{calendar.Id}", Ct)).ShouldBe(409);
        await (await admin.DeleteAsync($"/api/calendars/{Calendars.DefaultId}", Ct)).ShouldBe(409);
        await (await admin.DeleteAsync($"/api/sla-policies/{(await policy.Read<SlaPolicyDto>()).Id}", Ct)).ShouldBe(204);
        await (await rep.DeleteAsync($"/api/calendars/{calendar.Id}", Ct)).ShouldBe(403);
        await (await admin.DeleteAsync($"/api/calendars/{calendar.Id}", Ct)).ShouldBe(204);
        await (await admin.GetAsync($"/api/calendars/{calendar.Id}", Ct)).ShouldBe(404);
    }

    [Fact]
    public async Task Admins_manage_policies_under_If_Match_and_every_bad_field_is_named_in_the_callers_language()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        var recordType = ApiHelpers.Unique("tests.ticket");
        var input = new
        {
            name = "紧急投诉", recordType, order = 3, priorities = new[] { "urgent", " high ", "urgent" }, types = new[] { "complaint" },
            grades = Array.Empty<string>(), firstResponseMinutes = 30, resolutionMinutes = 480,
        };
        await (await rep.PostAsJsonAsync("/api/sla-policies", input, Json, Ct)).ShouldBe(403);
        await (await rep.GetAsync("/api/sla-policies", Ct)).ShouldBe(403);
        var created = await admin.PostAsJsonAsync("/api/sla-policies", input, Json, Ct);
        await created.ShouldBe(201);
        var policy = await created.Read<SlaPolicyDto>();
        policy.Priorities.Should().Equal("urgent", "high");
        policy.Grades.Should().BeEmpty();
        policy.WarningPercent.Should().Be(80);
        policy.CalendarId.Should().BeNull("the default calendar");

        var bad = Send(HttpMethod.Post, "/api/sla-policies", new
        {
            name = new string('名', 101), recordType = "Not a key", order = -1, priorities = new[] { "a,b" }, types = new[] { " " },
            grades = Enumerable.Range(0, 21).Select(i => $"g{i}").ToArray(), firstResponseMinutes = 0, resolutionMinutes = 600_000,
            calendarId = Guid.NewGuid(), warningPercent = 100,
        });
        bad.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var response = await admin.SendAsync(bad, Ct);
        await response.ShouldBe(400);
        var body = await response.Content.ReadAsStringAsync(Ct);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "name", "recordType", "order", "priorities", "types", "grades", "firstResponseMinutes", "resolutionMinutes", "calendarId", "warningPercent");
        body.Should().Contain("没有这个日历");
        var later = await admin.PostAsJsonAsync("/api/sla-policies", new { name = "x", recordType, firstResponseMinutes = 90, resolutionMinutes = 60 }, Json, Ct);
        await later.ShouldBe(400);
        (await later.Content.ReadAsStringAsync(Ct)).Should().Contain("firstResponseMinutes");

        var url = $"/api/sla-policies/{policy.Id}";
        var change = input with { name = "紧急投诉（VIP）", order = 1 };
        await (await admin.SendAsync(Send(HttpMethod.Put, url, change), Ct)).ShouldBe(428);
        await (await admin.SendAsync(Send(HttpMethod.Put, url, change, "\"2\""), Ct)).ShouldBe(412);
        var changed = await admin.SendAsync(Send(HttpMethod.Put, url, change, "\"1\""), Ct);
        await changed.ShouldBe(200);
        changed.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await (await admin.GetAsync(url, Ct)).Read<SlaPolicyDto>()).Name.Should().Be("紧急投诉（VIP）");

        var list = await (await admin.GetAsync("/api/sla-policies", Ct)).Read<List<SlaPolicyDto>>();
        list.Should().Contain(p => p.Id == policy.Id);
        await (await admin.DeleteAsync(url, Ct)).ShouldBe(204);
        await (await admin.GetAsync(url, Ct)).ShouldBe(404);
        await (await admin.DeleteAsync(url, Ct)).ShouldBe(404);
    }

    private async Task<T> InScope<T>(Func<ISlaClocks, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        var result = await work(scope.ServiceProvider.GetRequiredService<ISlaClocks>());
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync(Ct);
        return result;
    }

    private Task InScope(Func<ISlaClocks, Task> work) => InScope(async clocks => { await work(clocks); return true; });

    private async Task<T> InDb<T>(Func<KeqingDb, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<KeqingDb>());
    }

    private Task<List<Notification>> NotificationsAbout(Guid recordId) =>
        InDb(db => db.Set<Notification>().AsNoTracking().Where(n => n.Link == $"/tickets/{recordId}").OrderBy(n => n.CreatedAt).ToListAsync(Ct));

    private Task<List<SlaBreach>> BreachesOf(Guid recordId) =>
        InDb(db => db.Set<SlaBreach>().AsNoTracking().Where(b => b.RecordId == recordId).ToListAsync(Ct));

    private Task<int> Scan() => app.Services.GetRequiredService<SlaScanJob>().RunDueAsync(Ct);

    [Fact]
    public async Task The_scan_warns_the_owner_once_escalates_a_breach_to_the_team_manager_once_and_leaves_paused_clocks_alone()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var owner = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var calendarId = await RoundTheClockCalendar(admin);
        var recordType = ApiHelpers.Unique("tests.ticket");
        var urgent = await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = "urgent", recordType, priorities = new[] { "urgent" }, firstResponseMinutes = 60, resolutionMinutes = 240, calendarId,
        }, Json, Ct)).Read<SlaPolicyDto>();
        var normal = await (await admin.PostAsJsonAsync("/api/sla-policies", new
        {
            name = "normal", recordType, firstResponseMinutes = 240, resolutionMinutes = 2400, calendarId,
        }, Json, Ct)).Read<SlaPolicyDto>();

        var start = app.Clock.GetUtcNow();
        var (ticket, waiting, answered, none) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Task<SlaClockDto?> Start(Guid id, string priority) => InScope(c => c.Start(recordType, id, new SlaAttributes(priority, "complaint", "A"),
            owner.Id, team.Id, start, $"工单 {id.ToString()[..8]}", $"/tickets/{id}", Ct));
        var started = await Start(ticket, "urgent");
        started!.PolicyName.Should().Be("urgent");
        started.State.Should().Be(SlaState.Running);
        started.Targets.Select(t => (t.Target, t.TargetMinutes)).Should().Equal((SlaTarget.FirstResponse, 60), (SlaTarget.Resolution, 240));
        (await Start(waiting, "urgent"))!.PolicyId.Should().Be(urgent.Id);
        (await Start(answered, "urgent"))!.PolicyId.Should().Be(urgent.Id);
        (await InScope(c => c.Start(ApiHelpers.Unique("tests.nothing"), none, new SlaAttributes("urgent", null, null), owner.Id, null, start, null, null, Ct)))
            .Should().BeNull("no policy of that record type: no clock");
        await InScope(c => c.Pause(recordType, waiting, Ct));

        app.Clock.Advance(TimeSpan.FromMinutes(47));
        await Scan();
        (await NotificationsAbout(ticket)).Should().BeEmpty("47 of 60 minutes is under 80 %");

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Scan();
        var warned = await NotificationsAbout(ticket);
        warned.Should().ContainSingle().Which.Should().Match<Notification>(n => n.UserId == owner.Id && n.EventType == "sla.warning");
        (await Scan()).Should().Be(0, "a second run at the same instant has nothing to do");
        (await NotificationsAbout(ticket)).Should().HaveCount(1);
        (await InScope(c => c.Current(recordType, ticket, Ct)))!.State.Should().Be(SlaState.Warned);

        app.Clock.Advance(TimeSpan.FromMinutes(12)); // 61 minutes: the first response is late
        await InScope(c => c.MarkFirstResponse(recordType, answered, Ct)); // answered late, before any scan saw it
        await Scan();
        (await Scan()).Should().Be(0);
        var escalated = (await NotificationsAbout(ticket)).Where(n => n.EventType == "sla.breached").ToList();
        escalated.Should().ContainSingle().Which.UserId.Should().Be(manager.Id, "escalation goes to the owner's team manager");
        var breach = (await BreachesOf(ticket)).Should().ContainSingle().Subject;
        breach.Target.Should().Be(SlaTarget.FirstResponse);
        breach.PolicyId.Should().Be(urgent.Id);
        breach.EscalatedTo.Should().Be(manager.Id);
        breach.LateMinutes.Should().Be(1);
        breach.CompletedAt.Should().BeNull();
        breach.DueAt.Should().BeCloseTo(start.AddMinutes(60).UtcDateTime, TimeSpan.FromMilliseconds(1));

        // The answer comes at last: the breach gets its final lateness. The ticket answered before the scan has its breach, unescalated.
        await InScope(c => c.MarkFirstResponse(recordType, ticket, Ct));
        (await BreachesOf(ticket)).Single().CompletedAt.Should().NotBeNull();
        var quietBreach = (await BreachesOf(answered)).Should().ContainSingle().Subject;
        quietBreach.EscalatedTo.Should().BeNull("answered already: recorded, nobody to chase");
        quietBreach.LateMinutes.Should().Be(1);

        // Far past every target: the paused clock has neither warned nor breached.
        app.Clock.Advance(TimeSpan.FromHours(5));
        await Scan();
        (await NotificationsAbout(waiting)).Should().BeEmpty();
        (await BreachesOf(waiting)).Should().BeEmpty();
        var paused = (await InScope(c => c.Current(recordType, waiting, Ct)))!;
        paused.State.Should().Be(SlaState.Paused);
        paused.Targets.Should().OnlyContain(t => t.ElapsedMinutes == 0 && t.DueAt == null);
        (await BreachesOf(ticket)).Select(b => b.Target).Should().BeEquivalentTo(new[] { SlaTarget.FirstResponse, SlaTarget.Resolution });
        (await NotificationsAbout(ticket)).Count(n => n.EventType == "sla.breached").Should().Be(2);

        // The customer replies: the clock runs again, its due times moved by the pause.
        await InScope(c => c.Resume(recordType, waiting, Ct));
        var resumed = (await InScope(c => c.Current(recordType, waiting, Ct)))!;
        resumed.State.Should().Be(SlaState.Running);
        resumed.Targets[0].DueAt.Should().BeCloseTo(app.Clock.GetUtcNow().AddMinutes(60).UtcDateTime, TimeSpan.FromMilliseconds(1));

        // A priority change recomputes the targets from the original start: normal gives 240 and 2400 minutes.
        await InScope(c => c.Change(recordType, waiting, new SlaAttributes("normal", "complaint", "A"), Ct));
        var relaxed = (await InScope(c => c.Current(recordType, waiting, Ct)))!;
        relaxed.PolicyId.Should().Be(normal.Id);
        relaxed.StartedAt.Should().BeCloseTo(start.UtcDateTime, TimeSpan.FromMilliseconds(1));
        relaxed.Targets.Select(t => t.TargetMinutes).Should().Equal(240, 2400);

        await InScope(c => c.Stop(recordType, waiting, resolved: true, Ct));
        (await InScope(c => c.Current(recordType, waiting, Ct)))!.State.Should().Be(SlaState.Met);
        app.Clock.Advance(TimeSpan.FromDays(3));
        await Scan();
        (await NotificationsAbout(waiting)).Should().BeEmpty("a stopped clock has no alarms");
    }
}

public sealed class SlaApiTestsOnSqlite(SqliteClockedApp app) : SlaApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class SlaApiTestsOnPostgres(PostgresClockedApp app) : SlaApiTests(app), IClassFixture<PostgresClockedApp>;
