using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Platform;

/// <summary>GET and PUT /api/calendar on both providers: shipped defaults, If-Match, field errors, and the store's due times on the fake clock.</summary>
public abstract class CalendarApiTests(ClockedKeqingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static async Task<CalendarDto> Read(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<CalendarDto>(Json))!;

    private static HttpRequestMessage Put(object body, string? ifMatch) => new(HttpMethod.Put, "/api/calendar")
    {
        Content = JsonContent.Create(body, options: Json),
        Headers = { { "If-Match", ifMatch is null ? [] : [ifMatch] } },
    };

    // One test changes the calendar and the others read it: keep it in one test, in order.
    [Fact]
    public async Task The_shipped_calendar_is_read_by_anyone_and_replaced_by_an_admin_under_If_Match()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);

        var shipped = await rep.GetAsync("/api/calendar");
        await shipped.ShouldBe(200);
        shipped.Headers.ETag!.Tag.Should().Be("\"0\"");
        var defaults = await Read(shipped);
        defaults.TimeZone.Should().Be("Asia/Shanghai");
        defaults.WeeklyHours!.Select(d => d.Day).Should().Equal(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday);
        defaults.WeeklyHours![0].Should().Be(new WeekdayHoursDto(DayOfWeek.Monday, new(9, 0), new(18, 0), new(12, 0), new(13, 0)));
        defaults.Holidays!.Where(h => h.Date.Year == 2026).Should().HaveCount(33);
        defaults.Holidays!.Should().Contain(new CalendarDayDto(new DateOnly(2026, 2, 15), "春节"));
        defaults.MakeUpWorkdays!.Select(d => d.Date).Should().Contain(new DateOnly(2026, 10, 10));

        // At the clock's Tuesday 2026-11-24 10:00 Shanghai, 8 business hours are due Wednesday 10:00.
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<CompanyCalendarStore>().DueAfter(TimeSpan.FromHours(8), CancellationToken.None))
                .Should().Be(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

        var mine = defaults with
        {
            WeeklyHours = [.. defaults.WeeklyHours!, new WeekdayHoursDto(DayOfWeek.Saturday, new(9, 0), new(12, 0))],
            Holidays = [.. defaults.Holidays!, new CalendarDayDto(new DateOnly(2026, 11, 25), "公司年会")],
        };
        await (await rep.SendAsync(Put(mine, "\"0\""))).ShouldBe(403);
        await (await admin.SendAsync(Put(mine, null))).ShouldBe(428);
        await (await admin.SendAsync(Put(mine, "\"7\""))).ShouldBe(412);
        var saved = await admin.SendAsync(Put(mine, "\"0\""));
        await saved.ShouldBe(200);
        saved.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await Read(saved)).WeeklyHours!.Should().HaveCount(6);
        await (await admin.SendAsync(Put(mine, "\"0\""))).ShouldBe(412);

        var read = await rep.GetAsync("/api/calendar");
        read.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await Read(read)).Holidays!.Should().Contain(new CalendarDayDto(new DateOnly(2026, 11, 25), "公司年会"));
        // Wednesday is now the company's annual meeting: Tuesday's 7 hours, then Thursday 09:00 + 1 h.
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<CompanyCalendarStore>().DueAfter(TimeSpan.FromHours(8), CancellationToken.None))
                .Should().Be(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

        var again = await admin.SendAsync(Put(mine with { TimeZone = "Europe/Berlin" }, "\"1\""));
        await again.ShouldBe(200);
        (await Read(again)).TimeZone.Should().Be("Europe/Berlin");
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_the_problem()
    {
        var admin = await app.AdminClient();
        var etag = (await admin.GetAsync("/api/calendar")).Headers.ETag!.Tag;
        var bad = new
        {
            timeZone = "Mars/Olympus",
            weeklyHours = new object[]
            {
                new { day = "monday", start = "18:00", end = "09:00" },
                new { day = "tuesday", start = "09:00", end = "18:00", breakStart = "12:00" },
                new { day = "wednesday", start = "09:00", end = "18:00", breakStart = "19:00", breakEnd = "20:00" },
                new { day = "wednesday", start = "09:00", end = "18:00" },
            },
            holidays = new object[] { new { date = "2026-10-01" }, new { date = "2026-10-01" }, new { date = "1999-01-01" } },
            makeUpWorkdays = new object[] { new { date = "2026-10-01", name = new string('调', 101) } },
        };
        var response = await admin.SendAsync(Put(bad, etag));
        await response.ShouldBe(400);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        problem.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("timeZone", "weeklyHours", "holidays", "makeUpWorkdays");
        problem.GetProperty("weeklyHours").GetArrayLength().Should().Be(4, "start after end, half a break, a break outside the hours, a weekday twice");
        problem.GetProperty("holidays").GetArrayLength().Should().Be(2);

        await (await admin.SendAsync(Put(new { timeZone = "Asia/Shanghai", weeklyHours = Array.Empty<object>() }, etag))).ShouldBe(400);
        await (await admin.SendAsync(Put(new { timeZone = "Asia/Shanghai", weeklyHours = new object?[] { null } }, etag))).ShouldBe(400);
        await (await admin.SendAsync(Put(new { timeZone = "Asia/Shanghai", weeklyHours = new[] { new { day = "monday", start = "25:00", end = "18:00" } } }, etag))).ShouldBe(400);
        var overlap = new
        {
            timeZone = "Asia/Shanghai", weeklyHours = new[] { new { day = "monday", start = "09:00", end = "00:00" } },
            holidays = new[] { new { date = "2026-12-01" } }, makeUpWorkdays = new[] { new { date = "2026-12-01" } },
        };
        var both = await admin.SendAsync(Put(overlap, etag));
        await both.ShouldBe(400);
        (await both.Content.ReadAsStringAsync()).Should().Contain("不能既是节假日又是调休工作日", "field messages come in the caller's language");
    }
}

public sealed class CalendarApiTestsOnSqlite(SqliteClockedApp app) : CalendarApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class CalendarApiTestsOnPostgres(PostgresClockedApp app) : CalendarApiTests(app), IClassFixture<PostgresClockedApp>;
