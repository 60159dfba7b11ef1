using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Features;
using Microsoft.AspNetCore.Mvc;

namespace Keqing.Modules.ReturnVisits.Api;

/// <summary>Return visits (回访): the admin's forms and scheduling rules, the visits to do, doing and cancelling them, the report.</summary>
public static class ReturnVisitsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/return-visit-forms").WithTags("Return visits").RequireAuthorization(ReturnVisitsCapabilities.Manage);
        forms.MapGet("", (ReturnVisitForms handler, CancellationToken ct) => handler.List(ct)).WithSummary("Every form with its current version's questions.");
        forms.MapPost("", async (FormInput input, ReturnVisitForms handler, HttpResponse response, CancellationToken ct) =>
        {
            var form = await handler.Create(input, ct);
            Preconditions.SetETag(response, form.Version);
            return TypedResults.Created($"/api/return-visit-forms/{form.Id}", form);
        }).WithSummary("A form for a customer grade (grade null: any grade without its own), with ordered questions: text, singleChoice, multipleChoice, score (scale 1-5 or 0-10), required or not. 409 when another active form has the grade.");
        forms.MapGet("/{id:guid}", async (Guid id, ReturnVisitForms handler, HttpResponse response, CancellationToken ct) =>
        {
            var form = await handler.Get(id, ct);
            Preconditions.SetETag(response, form.Version);
            return TypedResults.Ok(form);
        });
        forms.MapPut("/{id:guid}", async (Guid id, FormInput input, ReturnVisitForms handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, form.Version);
            return TypedResults.Ok(form);
        }).WithSummary("Changes a form (If-Match); changing the questions of a form a done visit used starts a new version, the done visits keep theirs.");

        var rules = api.MapGroup("/return-visit-rules").WithTags("Return visits").RequireAuthorization(ReturnVisitsCapabilities.Manage);
        rules.MapGet("", (ReturnVisitRuleSettings handler, CancellationToken ct) => handler.Get(ct))
            .WithSummary("The scheduling rule of each grade A–D and of customers without a grade (null): days after an order, after a closed case (null: off), channel.");
        rules.MapPut("", ([FromBody] List<RuleDto> input, ReturnVisitRuleSettings handler, CancellationToken ct) => handler.Put(input, ct))
            .WithSummary("Sets the rules of the grades sent.");

        var visits = api.MapGroup("/return-visits").WithTags("Return visits").RequireAuthorization(ReturnVisitsCapabilities.Work);
        visits.MapGet("", (string? scope, string? state, Guid? customerId, int? limit, string? after, ListReturnVisits handler, CancellationToken ct) =>
                handler.Handle(scope, state, customerId, limit, after, ct))
            .WithSummary("The return visits one may see (scope=mine: one's own), state=due|overdue|upcoming|open|done|cancelled, earliest due first, keyset pages.");
        visits.MapGet("/report", (string? from, string? to, Guid? formId, ReturnVisitReport handler, CancellationToken ct) => handler.Handle(from, to, formId, ct))
            .RequireAuthorization(ReturnVisitsCapabilities.Reports)
            .WithSummary("Per form: done, on time %, by month, score averages and choice counts (from, to: yyyy-MM).");
        visits.MapGet("/{id:guid}", async (Guid id, GetReturnVisit handler, HttpResponse response, CancellationToken ct) =>
        {
            var visit = await handler.Handle(id, ct);
            Preconditions.SetETag(response, visit.Version);
            return TypedResults.Ok(visit);
        }).WithSummary("A return visit with the form to fill in (or the answered one) and, while open, the contact-boundary warnings for a contact now.");
        visits.MapPost("/{id:guid}/complete", async (Guid id, CompleteRequest request, CompleteReturnVisit handler, HttpContext http, CancellationToken ct) =>
        {
            var visit = await handler.Handle(id, IfMatch(http.Request), request, ct);
            Preconditions.SetETag(http.Response, visit.Version);
            return TypedResults.Ok(visit);
        }).WithSummary("Records the answers (If-Match), checked against the form: answers.{key} names a missing or bad answer.");
        visits.MapPost("/{id:guid}/cancel", async (Guid id, CancelRequest request, CancelReturnVisit handler, HttpContext http, CancellationToken ct) =>
        {
            var visit = await handler.Handle(id, IfMatch(http.Request), request, ct);
            Preconditions.SetETag(http.Response, visit.Version);
            return TypedResults.Ok(visit);
        }).WithSummary("Cancels an open return visit with a reason (If-Match).");
    }

    /// <summary>The If-Match version, or null without one: the use case says 404 for a visit one may not see before 428.</summary>
    private static long? IfMatch(HttpRequest request) => request.Headers.IfMatch.Count == 0 ? null : Preconditions.RequiredVersion(request);
}
