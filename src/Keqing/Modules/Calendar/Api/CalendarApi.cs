using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Features;

namespace Keqing.Modules.Calendar.Api;

/// <summary>Maps <c>GET /api/calendar</c> (anyone signed in) and <c>PUT /api/calendar</c> (admins, If-Match).</summary>
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
    }
}
