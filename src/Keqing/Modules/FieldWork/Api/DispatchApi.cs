using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Features;

namespace Keqing.Modules.FieldWork.Api;

/// <summary>The technician's dispatches (派工): their list, one dispatch, and the result they log from the site.</summary>
public static class DispatchApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me/dispatches", (MyDispatches handler, CancellationToken ct) => handler.List(ct))
            .WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.Visit)
            .WithSummary($"The caller's planned dispatches by window, then the results they logged in the last {MyDispatches.RecentResults.TotalDays} days.");
        var dispatches = api.MapGroup("/dispatches").WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.Visit);
        dispatches.MapGet("/{id:guid}", (Guid id, MyDispatches handler, CancellationToken ct) => handler.Get(id, ct))
            .WithSummary("A dispatch the caller may see: the technician's, their team manager's, an admin's.");
        dispatches.MapPost("/{id:guid}/result", (Guid id, DispatchResultRequest request, MyDispatches handler, CancellationToken ct) =>
                handler.LogResult(id, request, ct))
            .WithSummary("The technician logs the result once: outcome (done, needsParts, couldNotFix), a note, and visitId, their check-in at the customer whose photos go with it. The case is not resolved by it.");
    }
}
