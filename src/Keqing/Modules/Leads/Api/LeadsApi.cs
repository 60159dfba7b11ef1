using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keqing.Modules.Leads.Api;

/// <summary>The leads' endpoints: CRUD, activities, qualify and disqualify, shares, and the disqualification reasons.</summary>
public static class LeadsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads").RequireAuthorization(LeadsCapabilities.Work);
        leads.MapGet("", (ListLeads handler, [AsParameters] ListParameters p, CancellationToken ct) =>
            handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("Leads the caller may see, newest first, keyset-paged: status, source, ownerId, teamId, q, createdFrom/To, hot, shared (others' leads shared with me).");
        leads.MapGet("/count", async (ListLeads handler, [AsParameters] ListParameters p, CancellationToken ct) =>
        {
            var (count, capped) = await handler.Count(p.ToQuery(), ct);
            return TypedResults.Ok(new CountResponse(count, capped));
        }).WithSummary($"How many leads match, counted up to {ListLeads.CountCap}.");
        leads.MapGet("/{id:guid}", async (Guid id, GetLead handler, HttpResponse response, CancellationToken ct) =>
        {
            var lead = await handler.Handle(id, ct);
            Preconditions.SetETag(response, lead.Version);
            return TypedResults.Ok(lead);
        });
        leads.MapPost("", async (LeadInput input, SaveLead handler, HttpResponse response, CancellationToken ct) =>
        {
            var lead = await handler.Create(input, ct);
            Preconditions.SetETag(response, lead.Version);
            return TypedResults.Created($"/api/leads/{lead.Id}", lead);
        }).WithIdempotency().WithSummary("Creates a lead; its owner by the assignment rules, else ownerId (oneself, or a user of a team one manages), else the caller.");
        leads.MapPut("/{id:guid}", async (Guid id, LeadInput input, SaveLead handler, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, lead.Version);
            return TypedResults.Ok(lead);
        }).WithSummary("Replaces the lead's fields (If-Match); a new owner of an unanswered lead restarts its response clock.");
        leads.MapDelete("/{id:guid}", async (Guid id, ArchiveLead handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Archives the lead (it leaves the lists and keeps its history).");
        leads.MapGet("/{id:guid}/activities", (Guid id, LeadActivities handler, CancellationToken ct) => handler.List(id, ct))
            .WithSummary("The lead's history, newest first.");
        leads.MapPost("/{id:guid}/activities", async (Guid id, LeadActivityInput input, LeadActivities handler, CancellationToken ct) =>
            TypedResults.Created($"/api/leads/{id}/activities", await handler.Log(id, input, ct)))
            .WithSummary("Logs a call, email, meeting, message or note; a contact stops the response clock and moves a new lead to contacted.");
        leads.MapPost("/{id:guid}/qualify", (Guid id, LeadStatusChanges handler, CancellationToken ct) =>
            Transition(() => handler.Qualify(id, ct)));
        leads.MapPost("/{id:guid}/disqualify", (Guid id, DisqualifyRequest request, LeadStatusChanges handler, CancellationToken ct) =>
            Transition(() => handler.Disqualify(id, request, ct))).WithSummary("Disqualifies the lead with a reason of the admin's list.");
        leads.MapGet("/{id:guid}/audit", async (Guid id, GetLead lead, IAuditTrail trail, int? limit, string? after, CancellationToken ct) =>
        {
            await lead.Handle(id, ct);
            return TypedResults.Ok(await trail.Read(LeadPrivacy.RecordType, id, limit, after, ct));
        }).WithSummary("The lead's audit trail, newest first.");

        leads.MapGet("/{id:guid}/shares", (Guid id, LeadShares handler, CancellationToken ct) => handler.List(id, ct))
            .WithSummary("The teams and colleagues this lead is shared with.");
        leads.MapPost("/{id:guid}/shares", async Task<Results<Created<ShareDto>, Ok<ShareDto>>> (Guid id, ShareRequest request, LeadShares handler, CancellationToken ct) =>
        {
            var (share, created) = await handler.Add(id, request, ct);
            return created ? TypedResults.Created($"/api/leads/{id}/shares/{share.Id}", share) : TypedResults.Ok(share);
        }).WithSummary("Share with a team (teamId) or a colleague (userId), read-only or read-write, optionally until a date.");
        leads.MapDelete("/{id:guid}/shares/{shareId:guid}", async (Guid id, Guid shareId, LeadShares handler, CancellationToken ct) =>
        {
            await handler.Remove(id, shareId, ct);
            return TypedResults.NoContent();
        });

        var reasons = api.MapGroup("/lead-disqualify-reasons").WithTags("Leads");
        reasons.MapGet("", (DisqualifyReasons handler, bool? all, CancellationToken ct) => handler.List(all != true, ct))
            .RequireAuthorization(LeadsCapabilities.Work).WithSummary("The reasons for disqualifying a lead (active ones; all=true for the admin list).");
        reasons.MapPost("", async (DisqualifyReasonInput input, DisqualifyReasons handler, CancellationToken ct) =>
        {
            var reason = await handler.Create(input, ct);
            return TypedResults.Created($"/api/lead-disqualify-reasons/{reason.Id}", reason);
        }).RequireAuthorization(LeadsCapabilities.ManageRules);
        reasons.MapPut("/{id:guid}", async (Guid id, DisqualifyReasonInput input, DisqualifyReasons handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Update(id, input, ct))).RequireAuthorization(LeadsCapabilities.ManageRules);
        reasons.MapDelete("/{id:guid}", async (Guid id, DisqualifyReasons handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(LeadsCapabilities.ManageRules);
    }

    private static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Transition(Func<Task<LeadDto>> change)
    {
        try
        {
            return TypedResults.Ok(await change());
        }
        catch (LeadTransitionException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: FieldErrors.Text("Wrong lead status"), detail: e.Message);
        }
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(string? Status, string? Source, Guid? OwnerId, Guid? TeamId, string? Q,
        DateTime? CreatedFrom, DateTime? CreatedTo, bool? Hot, bool? Archived, int? Limit, string? After, bool? Shared = null)
    {
        public LeadQuery ToQuery() => new(QueryValues.Enum<LeadStatus>(Status, "status"), QueryValues.Enum<LeadSource>(Source, "source"),
            OwnerId, TeamId, Q, Utc(CreatedFrom), Utc(CreatedTo), Hot, Archived ?? false, Shared ?? false);

        private static DateTime? Utc(DateTime? value) => value switch
        {
            null => null,
            { Kind: DateTimeKind.Utc } v => v,
            { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
            { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        };
    }

    /// <summary>A capped count.</summary>
    public sealed record CountResponse(int Count, bool Capped);
}
