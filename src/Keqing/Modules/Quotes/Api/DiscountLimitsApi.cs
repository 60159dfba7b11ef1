using Keqing.Infrastructure.Http;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Modules.Quotes.Api;

/// <summary>The discount limits: set by an admin (per role, per user), read by each seller for themself.</summary>
public static class DiscountLimitsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var limits = api.MapGroup("/quote-settings/discount-limits").WithTags("Quotes");
        limits.MapGet("", async (DiscountLimits handler, HttpResponse response, CancellationToken ct) =>
        {
            var all = await handler.Get(ct);
            Preconditions.SetETag(response, all.Version);
            return TypedResults.Ok(all);
        }).RequireAuthorization(QuotesCapabilities.ManageSettings)
            .WithSummary("The largest discount (%) each role that makes quotes may give without approval (null: none), and users' own limits.");
        limits.MapPut("", async (DiscountLimitsInput input, DiscountLimits handler, HttpContext http, CancellationToken ct) =>
        {
            var all = await handler.Save(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, all.Version);
            return TypedResults.Ok(all);
        }).RequireAuthorization(QuotesCapabilities.ManageSettings)
            .WithSummary("Replaces every limit (If-Match): roles [{role, maxPercent}], users [{userId, maxPercent}] (a user's null: no limit at all).");
        limits.MapGet("/me", (DiscountLimits handler, CancellationToken ct) => handler.Mine(ct))
            .RequireAuthorization(QuotesCapabilities.Work)
            .WithSummary("The caller's own limit: a quote with a larger discount needs an approval before it is sent (null: no limit).");
    }
}
