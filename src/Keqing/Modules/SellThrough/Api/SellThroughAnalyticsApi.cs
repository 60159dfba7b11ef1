using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Features;
using Keqing.Modules.SellThrough.Jobs;

namespace Keqing.Modules.SellThrough.Api;

/// <summary>Sell-through analytics: one distributor × product's trend, the month's heat map, the alerts and their limits.</summary>
public static class SellThroughAnalyticsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sell-through").WithTags("SellThrough").RequireAuthorization(SellThroughCapabilities.Report);
        group.MapGet("/trend", (Guid? customerId, Guid? productId, string? from, string? to, SellThroughTrend handler, CancellationToken ct) =>
                handler.Get(customerId, productId, from, to, ct))
            .WithSummary($"One distributor × product's reported months from..to (2026-01; default the last {SellThroughTrend.DefaultMonths}) with months of stock and flags (sales falling three months in a row, above the limit).");
        group.MapGet("/heatmap", (string? month, SellThroughHeatmap handler, CancellationToken ct) => handler.Get(month, ct))
            .RequireAuthorization(SellThroughCapabilities.Analyse)
            .WithSummary("Months of stock by distributor × product category in a month (default last month), every distributor.");
        group.MapGet("/alerts", (Guid? customerId, string? kind, string? from, string? to, int? limit, ListSellThroughAlerts handler, CancellationToken ct) =>
                handler.List(customerId, kind, from, to, limit, ct))
            .WithSummary($"Alerts on the distributors the caller may see, newest month first; filters customerId, kind (falling-sales, stock-piling, not-reported), from and to (2026-01); at most limit (default {ListSellThroughAlerts.DefaultLimit}).");
        group.MapPost("/alerts/scan", async (SellThroughAlertJob job, CancellationToken ct) =>
                await job.RunNow(ct) is { } raised ? new SellThroughScanResult(raised)
                    : throw new ConflictException(FieldErrors.Text("An alert check is running already: look at the alerts again in a minute.")))
            .RequireAuthorization(SellThroughCapabilities.ScanAlerts)
            .WithSummary("Runs the alert scan now, as the scheduled job does (managers, admins): last month's new alerts, each with a task for the distributor's owner; 409 while a scan runs.");

        var settings = group.MapGroup("/settings");
        settings.MapGet("", async (SellThroughSettingsStore handler, HttpResponse response, CancellationToken ct) =>
        {
            var current = await handler.Get(ct);
            Preconditions.SetETag(response, current.Version);
            return TypedResults.Ok(current);
        }).WithSummary("The alert limits: months of stock above which stock piles up, and the day of the month last month's report is due.");
        settings.MapPut("", async (SellThroughSettingsDto input, SellThroughSettingsStore handler, HttpContext http, CancellationToken ct) =>
        {
            var saved = await handler.Put(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, saved.Version);
            return TypedResults.Ok(saved);
        }).RequireAuthorization(SellThroughCapabilities.ManageSettings)
            .WithSummary("Replaces the alert limits (If-Match: the ETag of GET; \"0\" while the defaults are in force).");
    }
}
