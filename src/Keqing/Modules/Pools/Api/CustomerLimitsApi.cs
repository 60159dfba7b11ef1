using Keqing.Infrastructure.Http;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Features;

namespace Keqing.Modules.Pools.Api;

/// <summary>Customer limits (客户上限): how many customers a user, or each member of a team, may own and lock.</summary>
public static class CustomerLimitsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var limits = api.MapGroup("/customer-limits").WithTags("Pools");
        limits.MapGet("", (CustomerLimits handler, CancellationToken ct) => handler.List(ct))
            .RequireAuthorization(PoolsCapabilities.Manage).WithSummary("Every customer limit, per user and per team.");
        limits.MapGet("/me", (CustomerLimits handler, CancellationToken ct) => handler.RoomOfMe(ct))
            .WithSummary("How many customers the signed-in user owns and has locked, against their limit.");
        limits.MapGet("/{id:guid}", async (Guid id, CustomerLimits handler, HttpResponse response, CancellationToken ct) =>
        {
            var limit = await handler.Get(id, ct);
            Preconditions.SetETag(response, limit.Version);
            return TypedResults.Ok(limit);
        }).RequireAuthorization(PoolsCapabilities.Manage).WithSummary("One customer limit.");
        limits.MapPost("", async (CustomerLimitInput input, CustomerLimits handler, HttpResponse response, CancellationToken ct) =>
        {
            var limit = await handler.Create(input, ct);
            Preconditions.SetETag(response, limit.Version);
            return TypedResults.Created($"/api/customer-limits/{limit.Id}", limit);
        }).RequireAuthorization(PoolsCapabilities.Manage).WithIdempotency()
            .WithSummary("Sets a limit for a user or a team: maxOwned, maxLocked (null: no cap), countWonCustomers.");
        limits.MapPut("/{id:guid}", async (Guid id, CustomerLimitInput input, CustomerLimits handler, HttpContext http, CancellationToken ct) =>
        {
            var limit = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, limit.Version);
            return TypedResults.Ok(limit);
        }).RequireAuthorization(PoolsCapabilities.Manage).WithSummary("Changes a limit's caps (If-Match).");
        limits.MapDelete("/{id:guid}", async (Guid id, CustomerLimits handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(PoolsCapabilities.Manage).WithSummary("Removes a limit.");
    }
}
