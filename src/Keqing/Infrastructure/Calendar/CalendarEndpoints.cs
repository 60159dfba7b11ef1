using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Infrastructure.Calendar;

/// <summary>Maps <c>GET /api/calendar</c> (anyone signed in) and <c>PUT /api/calendar</c> (admins, If-Match).</summary>
public static class CalendarEndpoints
{
    public static void MapCalendarApi(this RouteGroupBuilder api)
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
        }).RequireAuthorization(Roles.AdminPolicy)
            .WithSummary("Replaces the company calendar (If-Match: the ETag of GET; \"0\" while the shipped defaults are in force).");
    }
}
