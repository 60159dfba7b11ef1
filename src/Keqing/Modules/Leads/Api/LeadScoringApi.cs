using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;

namespace Keqing.Modules.Leads.Api;

/// <summary>
/// Maps <c>GET /api/leads/{id}/score</c> (record access, as for the lead) and the admin's <c>/api/lead-scoring-rules</c>
/// (<c>leads.rules.manage</c>; PUT and DELETE under If-Match).
/// </summary>
public static class LeadScoringApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/leads/{id:guid}/score", (Guid id, GetLeadScore handler, CancellationToken ct) => handler.Get(id, ct))
            .RequireAuthorization(LeadsCapabilities.Work).WithTags("Leads")
            .WithSummary("The lead's score now and every rule that gave it points (\"+20 职位包含 采购\").");

        var rules = api.MapGroup("/lead-scoring-rules").WithTags("Leads").RequireAuthorization(LeadsCapabilities.ManageRules);
        rules.MapGet("", (ScoringRules handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Every lead scoring rule, profile rules first.");
        rules.MapGet("/{id:guid}", async (Guid id, ScoringRules handler, HttpResponse response, CancellationToken ct) =>
        {
            var rule = await handler.Get(id, ct);
            Preconditions.SetETag(response, rule.Version);
            return TypedResults.Ok(rule);
        }).WithSummary("One scoring rule, with its ETag.");
        rules.MapPost("", async (ScoringRules.Request request, ScoringRules handler, HttpResponse response, CancellationToken ct) =>
        {
            var rule = await handler.Create(request, ct);
            Preconditions.SetETag(response, rule.Version);
            return TypedResults.Created($"/api/lead-scoring-rules/{rule.Id}", rule);
        }).WithIdempotency().WithSummary("Adds a profile or behaviour rule; open leads are re-scored within a minute.");
        rules.MapPut("/{id:guid}", async (Guid id, ScoringRules.Request request, ScoringRules handler, HttpContext http, CancellationToken ct) =>
        {
            var rule = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, rule.Version);
            return TypedResults.Ok(rule);
        }).WithSummary("Changes a rule (If-Match: its ETag); open leads are re-scored within a minute.");
        rules.MapDelete("/{id:guid}", async (Guid id, ScoringRules handler, HttpRequest request, CancellationToken ct) =>
        {
            await handler.Delete(id, Preconditions.RequiredVersion(request), ct);
            return TypedResults.NoContent();
        }).WithSummary("Deletes a rule (If-Match: its ETag); open leads are re-scored within a minute.");
    }
}
