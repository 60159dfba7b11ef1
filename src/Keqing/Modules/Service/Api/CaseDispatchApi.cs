using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service.Api;

/// <summary>Field dispatch of repair cases (派工): send a technician, and read a case's dispatches with their results.</summary>
public static class CaseDispatchApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Service").RequireAuthorization(ServiceCapabilities.Work);
        cases.MapPost("/{id:guid}/dispatch", async (Guid id, DispatchCaseRequest request, DispatchCase handler, CancellationToken ct) =>
        {
            var dispatch = await handler.Dispatch(id, request, ct);
            return TypedResults.Created($"/api/dispatches/{dispatch.Id}", dispatch);
        }).WithIdempotency()
            .WithSummary("Dispatches an open repair case one may work to a technician (an active service agent or manager) for a window from–to (UTC instants, at most 12 hours); the technician is notified and may then read the case.");
        cases.MapGet("/{id:guid}/dispatches", (Guid id, DispatchCase handler, CancellationToken ct) => handler.List(id, ct))
            .WithSummary("A case's field dispatches, newest window first, with the technician's result and the visit's photos.");
    }
}
