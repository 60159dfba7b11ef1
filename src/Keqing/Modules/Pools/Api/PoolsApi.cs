using Keqing.Infrastructure.Http;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Features;

namespace Keqing.Modules.Pools.Api;

/// <summary>Pools (公海): their setup, their customers, claiming, assigning, releasing and locking.</summary>
public static class PoolsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var pools = api.MapGroup("/pools").WithTags("Pools");
        pools.MapGet("", (Features.Pools handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Every pool for an admin; the pools one belongs to for anyone else.");
        pools.MapGet("/{id:guid}", async (Guid id, Features.Pools handler, HttpResponse response, CancellationToken ct) =>
        {
            var pool = await handler.Get(id, ct);
            Preconditions.SetETag(response, pool.Version);
            return TypedResults.Ok(pool);
        }).WithSummary("A pool with its members and rules (admins and members; 404 for anyone else).");
        pools.MapPost("", async (PoolInput input, Features.Pools handler, HttpResponse response, CancellationToken ct) =>
        {
            var pool = await handler.Create(input, ct);
            Preconditions.SetETag(response, pool.Version);
            return TypedResults.Created($"/api/pools/{pool.Id}", pool);
        }).RequireAuthorization(PoolsCapabilities.Manage).WithIdempotency()
            .WithSummary("Creates a pool: name, daily claim quota, reclaim wait in days, members (userId or teamId, administrator) and a recycle rule per grade.");
        pools.MapPut("/{id:guid}", async (Guid id, PoolInput input, Features.Pools handler, HttpContext http, CancellationToken ct) =>
        {
            var pool = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, pool.Version);
            return TypedResults.Ok(pool);
        }).RequireAuthorization(PoolsCapabilities.Manage).WithSummary("Replaces a pool's settings, members and rules (If-Match).");
        pools.MapDelete("/{id:guid}", async (Guid id, Features.Pools handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(PoolsCapabilities.Manage).WithSummary("Removes a pool that holds no customer.");
        pools.MapGet("/{id:guid}/customers", (Guid id, int? limit, string? after, ListPoolCustomers handler, CancellationToken ct) =>
                handler.Handle(id, limit, after, ct))
            .WithSummary("The customers waiting in the pool, newest first (members and admins): name, region, industry, grade, last follow-up, why; keyset-paged by after.");
        pools.MapPost("/{id:guid}/claim", (Guid id, ClaimRequest request, ClaimCustomers handler, CancellationToken ct) => handler.Claim(id, request, ct))
            .WithSummary("Claims customers from the pool (members): all or none, within the daily quota and the reclaim wait (409 saying which).");
        pools.MapPost("/{id:guid}/assign", (Guid id, AssignRequest request, ClaimCustomers handler, CancellationToken ct) => handler.Assign(id, request, ct))
            .WithSummary("Gives customers waiting in the pool to a user (pool administrators and admins).");

        var customers = api.MapGroup("/customers").WithTags("Pools");
        customers.MapPost("/{id:guid}/release", (Guid id, ReleaseRequest request, ReleaseCustomer handler, CancellationToken ct) => handler.Handle(id, request, ct))
            .WithSummary("The owner gives the customer back to a pool with a reason; it keeps its whole history.");
        customers.MapGet("/{id:guid}/pool-state", (Guid id, LockCustomer handler, CancellationToken ct) => handler.Get(id, ct))
            .WithSummary("Whether a customer one may see is locked, and the pool it waits in.");
        customers.MapPost("/{id:guid}/lock", (Guid id, LockCustomer handler, CancellationToken ct) => handler.Handle(id, true, ct))
            .WithSummary("Locks the customer (锁定): no recycle rule moves it (admins and the managers of its team).");
        customers.MapPost("/{id:guid}/unlock", (Guid id, LockCustomer handler, CancellationToken ct) => handler.Handle(id, false, ct))
            .WithSummary("Unlocks the customer (admins and the managers of its team).");
    }
}
