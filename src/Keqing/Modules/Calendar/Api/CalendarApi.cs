using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Features;

namespace Keqing.Modules.Calendar.Api;

/// <summary>
/// Maps <c>GET /api/calendar</c> (anyone signed in) and <c>PUT /api/calendar</c> (admins, If-Match): the default calendar;
/// and <c>/api/calendars</c>: every calendar (read by anyone signed in, written by admins).
/// </summary>
public static class CalendarApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        calendar.MapGet("", async (CompanyCalendarStore store, HttpResponse response, CancellationToken ct) =>
        {
            var current = await store.Get(ct);
            Preconditions.SetETag(response, current.Version);
            return TypedResults.Ok(current);
        }).WithSummary("The company's business hours per weekday, holidays, make-up working days (调休) and time zone.");
        calendar.MapPut("", async (CalendarDto input, CompanyCalendarStore store, HttpContext http, CancellationToken ct) =>
        {
            var saved = await store.Put(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, saved.Version);
            return TypedResults.Ok(saved);
        }).RequireAuthorization(CalendarCapabilities.Manage)
            .WithSummary("Replaces the company calendar (If-Match: the ETag of GET; \"0\" while the shipped defaults are in force).");
    
        var calendars = api.MapGroup("/calendars").WithTags("Calendar");
        calendars.MapGet("", (CompanyCalendarStore store, CancellationToken ct) => store.List(ct))
            .WithSummary("Every calendar (the default one first) with its time zone and how many holidays and make-up days it holds.");
        calendars.MapGet("/{id:guid}", async (Guid id, CompanyCalendarStore store, HttpResponse response, CancellationToken ct) =>
        {
            var calendar = await store.GetById(id, ct);
            Preconditions.SetETag(response, calendar.Version);
            return TypedResults.Ok(calendar);
        }).WithSummary("A calendar with its weekly hours, holidays and make-up working days (调休).");
        calendars.MapPost("", async (CalendarInput input, CompanyCalendarStore store, HttpResponse response, CancellationToken ct) =>
        {
            var calendar = await store.Create(input, ct);
            Preconditions.SetETag(response, calendar.Version);
            return TypedResults.Created($"/api/calendars/{calendar.Id}", calendar);
        }).RequireAuthorization(CalendarCapabilities.Manage).WithIdempotency()
            .WithSummary("Creates a calendar: name, time zone, weekly hours, holidays and make-up working days.");
        calendars.MapPut("/{id:guid}", async (Guid id, CalendarInput input, CompanyCalendarStore store, HttpContext http, CancellationToken ct) =>
        {
            var calendar = await store.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, calendar.Version);
            return TypedResults.Ok(calendar);
        }).RequireAuthorization(CalendarCapabilities.Manage)
            .WithSummary("Replaces a calendar (If-Match; \"0\" for the default calendar while its shipped defaults are in force).");
        calendars.MapDelete("/{id:guid}", async (Guid id, CompanyCalendarStore store, CancellationToken ct) =>
        {
            await store.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(CalendarCapabilities.Manage)
            .WithSummary("Deletes a calendar no SLA policy runs on (409 otherwise); the default calendar stays.");
    }
}
