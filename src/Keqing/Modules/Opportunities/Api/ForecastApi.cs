using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Features;

namespace Keqing.Modules.Opportunities.Api;

/// <summary>Maps <c>GET /api/forecast</c> and its click-through <c>GET /api/forecast/opportunities</c> (capability <c>opportunities.forecast</c>).</summary>
public static class ForecastApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var forecast = api.MapGroup("/forecast").WithTags("Forecast").RequireAuthorization(OpportunitiesCapabilities.Forecast);
        forecast.MapGet("", async (string? period, string? currency, Guid? teamId, Guid? userId, GetForecast handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(ForecastRequest.From(period, currency, teamId, userId), ct)))
            .WithSummary("Pipeline, weighted, best case, commit and closed-won of a month (2026-12) or quarter (2026Q4), per rep, per team and in total, of the opportunities the caller may see; optionally one team or one rep.");
        forecast.MapGet("/opportunities", async (string? period, string? currency, Guid? teamId, Guid? userId, string? measure, int? limit,
                ForecastOpportunities handler, CancellationToken ct) =>
            {
                var request = ForecastRequest.From(period, currency, teamId, userId);
                // Names only: Enum.TryParse would also take numbers and comma-joined lists.
                var parsed = Enum.GetValues<ForecastMeasure>().Select(m => (ForecastMeasure?)m)
                    .FirstOrDefault(m => string.Equals(m.ToString(), measure, StringComparison.OrdinalIgnoreCase));
                if (parsed is null) new FieldErrors().Add("measure", FieldErrors.Text("One of pipeline, weighted, bestCase, commit, closedWon.")).ThrowIfAny();
                return TypedResults.Ok(await handler.Handle(request, parsed!.Value, limit ?? 200, ct));
            })
            .WithSummary("The opportunities behind one forecast figure: the same period, currency, team or rep, and measure (pipeline, weighted, bestCase, commit, closedWon); at most limit (200, up to 1000).");
    }
}
