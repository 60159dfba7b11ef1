using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Features;

namespace Keqing.Modules.SellThrough.Api;

/// <summary>Distributors' monthly reports in bulk (进销存 intake) and the rows one may see.</summary>
public static class SellThroughApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sell-through").WithTags("SellThrough").RequireAuthorization(SellThroughCapabilities.Report);
        group.MapPost("", (SellThroughReportRequest request, ReportSellThrough handler, CancellationToken ct) => handler.Handle(request, SellThroughSource.Api, ct))
            .WithSummary($"Stores up to {ReportSellThrough.MaxRows} monthly reports (distributorId or distributor name, productId or sku, month 2026-11, opening, purchases, sales, closing); a later report of a distributor × product × month replaces the earlier. Good rows are stored and bad ones returned by index with their errors (accepted, flagged, rejected); a batch without a good row is a 400 with errors per row (rows[3].sku). Rows that do not add up are stored and listed as flagged. A distributor name may also be its customer code or unified social credit code; case, full-width forms and surrounding spaces do not matter.");
        group.MapGet("", (Guid? customerId, Guid? productId, string? from, string? to, int? limit, ListSellThrough handler, CancellationToken ct) =>
                handler.Rows(customerId, productId, from, to, limit, ct))
            .WithSummary($"The stored rows of the distributors the caller may see, by month, distributor and product; filters customerId, productId, from and to (2026-01); at most limit (default {ListSellThrough.DefaultLimit}, up to {ListSellThrough.MaxLimit}).");
    }
}
