using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;

namespace Keqing.Modules.Leads.Api;

/// <summary>
/// Maps the assignment rules (<c>/api/lead-assignment-rules</c>: CRUD and reorder, <c>leads.rules.manage</c>), the lead
/// settings (<c>GET</c> signed in, <c>PUT</c> <c>leads.rules.manage</c> with If-Match) and the response report.
/// </summary>
public static class LeadAssignmentApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/lead-assignment-rules").WithTags("Lead assignment").RequireAuthorization(LeadsCapabilities.ManageRules);
        rules.MapGet("", (ManageAssignmentRules handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("The assignment rules in order: the first active rule a new lead matches gives it its owner.");
        rules.MapGet("/{id:guid}", async (Guid id, ManageAssignmentRules handler, HttpResponse response, CancellationToken ct) =>
        {
            var rule = await handler.Get(id, ct);
            Preconditions.SetETag(response, rule.Version);
            return TypedResults.Ok(rule);
        });
        rules.MapPost("", async (AssignmentRuleInput input, ManageAssignmentRules handler, HttpResponse response, CancellationToken ct) =>
        {
            var rule = await handler.Create(input, ct);
            Preconditions.SetETag(response, rule.Version);
            return TypedResults.Created($"/api/lead-assignment-rules/{rule.Id}", rule);
        }).WithIdempotency().WithSummary("Adds a rule at the end of the order; empty condition lists match any lead.");
        rules.MapPut("/{id:guid}", async (Guid id, AssignmentRuleInput input, ManageAssignmentRules handler, HttpContext http, CancellationToken ct) =>
        {
            var rule = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, rule.Version);
            return TypedResults.Ok(rule);
        }).WithSummary("Changes a rule (If-Match: its ETag).");
        rules.MapDelete("/{id:guid}", async (Guid id, ManageAssignmentRules handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });
        rules.MapPut("/order", (AssignmentRuleOrder order, ManageAssignmentRules handler, CancellationToken ct) => handler.Reorder(order, ct))
            .WithSummary("Puts the rules in a new order: every rule's id exactly once, first rule first.");

        var settings = api.MapGroup("/lead-settings").WithTags("Lead assignment");
        settings.MapGet("", async (ManageLeadSettings handler, HttpResponse response, CancellationToken ct) =>
        {
            var current = await handler.Get(ct);
            Preconditions.SetETag(response, current.Version);
            return TypedResults.Ok(current);
        }).WithSummary("The response target in business minutes and the hot score threshold.");
        settings.MapPut("", async (LeadSettingsDto input, ManageLeadSettings handler, HttpContext http, CancellationToken ct) =>
        {
            var saved = await handler.Put(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, saved.Version);
            return TypedResults.Ok(saved);
        }).RequireAuthorization(LeadsCapabilities.ManageRules)
            .WithSummary("Replaces the lead settings (If-Match: the ETag of GET; \"0\" while the defaults are in force).");

        api.MapGet("/reports/lead-response", (DateOnly? from, DateOnly? to, string? groupBy, LeadResponseReporting handler, CancellationToken ct) =>
                handler.Report(from, to, groupBy, ct))
            .RequireAuthorization(LeadsCapabilities.Reports).WithTags("Lead assignment")
            .WithSummary("Response times of the leads one may see created from..to (local dates; default the last 30 days), by rep, team or source.");
    }
}
