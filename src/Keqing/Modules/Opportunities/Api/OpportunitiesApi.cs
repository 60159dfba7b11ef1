using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Features;

namespace Keqing.Modules.Opportunities.Api;

/// <summary>Pipelines, won and lost reasons, opportunities, their moves, wins and losses, and the board.</summary>
public static class OpportunitiesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var pipelines = api.MapGroup("/pipelines").WithTags("Opportunities").RequireAuthorization(OpportunitiesCapabilities.Work);
        pipelines.MapGet("", (Pipelines handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("The live pipelines with their stages in order (default probability, stuck after N days).");
        pipelines.MapPost("", async (PipelineInput input, Pipelines handler, HttpResponse response, CancellationToken ct) =>
        {
            var pipeline = await handler.Create(input, ct);
            Preconditions.SetETag(response, pipeline.Version);
            return TypedResults.Created($"/api/pipelines/{pipeline.Id}", pipeline);
        }).RequireAuthorization(OpportunitiesCapabilities.ManagePipelines).WithIdempotency();
        pipelines.MapPut("/{id:guid}", async (Guid id, PipelineInput input, Pipelines handler, HttpContext http, CancellationToken ct) =>
        {
            var pipeline = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, pipeline.Version);
            return TypedResults.Ok(pipeline);
        }).RequireAuthorization(OpportunitiesCapabilities.ManagePipelines)
            .WithSummary("Renames, reorders and changes the stages (If-Match); a live stage left out is archived if no open opportunity is in it.");
        pipelines.MapDelete("/{id:guid}", async (Guid id, Pipelines handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(OpportunitiesCapabilities.ManagePipelines).WithSummary("Archives a pipeline without open opportunities.");
        pipelines.MapGet("/{id:guid}/board", (Guid id, Guid? ownerId, Guid? teamId, string? closeMonth, int? cards, bool? shared, OpportunityBoard board,
                CancellationToken ct) => board.Handle(id, ownerId, teamId, closeMonth, cards, shared ?? false, ct))
            .WithSummary("The kanban board: per stage the count, amount and weighted amount of the open opportunities the caller sees, and the first cards; shared=true: only others' opportunities shared with me.");

        var reasons = api.MapGroup("/opportunity-reasons").WithTags("Opportunities").RequireAuthorization(OpportunitiesCapabilities.Work);
        reasons.MapGet("", (string? kind, bool? inactive, CloseReasons handler, CancellationToken ct) =>
                handler.List(QueryValues.Enum<CloseReasonKind>(kind, "kind"), inactive == true, ct))
            .WithSummary("The won (kind=won) or lost (kind=lost) reasons, in order; inactive=true includes those taken off the list.");
        reasons.MapPost("", async (CloseReasonInput input, CloseReasons handler, CancellationToken ct) =>
        {
            var reason = await handler.Create(input, ct);
            return TypedResults.Created($"/api/opportunity-reasons/{reason.Id}", reason);
        }).RequireAuthorization(OpportunitiesCapabilities.ManagePipelines).WithIdempotency();
        reasons.MapPut("/{id:guid}", (Guid id, CloseReasonInput input, CloseReasons handler, CancellationToken ct) => handler.Update(id, input, ct))
            .RequireAuthorization(OpportunitiesCapabilities.ManagePipelines);
        reasons.MapDelete("/{id:guid}", async (Guid id, CloseReasons handler, CancellationToken ct) =>
        {
            await handler.Deactivate(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(OpportunitiesCapabilities.ManagePipelines).WithSummary("Takes the reason off its list.");

        var opportunities = api.MapGroup("/opportunities").WithTags("Opportunities").RequireAuthorization(OpportunitiesCapabilities.Work);
        opportunities.MapGet("", (ListOpportunities handler, [AsParameters] ListParameters p, CancellationToken ct) =>
                handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("The opportunities the caller may see, newest first, keyset-paged; filters pipelineId, stageId, status, ownerId, teamId, customerId, closeMonth (2026-12), stuck, shared (others' opportunities shared with me).");
        opportunities.MapGet("/count", async (ListOpportunities handler, [AsParameters] ListParameters p, CancellationToken ct) =>
        {
            var (count, capped) = await handler.Count(p.ToQuery(), ct);
            return TypedResults.Ok(new CountResponse(count, capped));
        }).WithSummary($"How many opportunities match, counted up to {ListOpportunities.CountCap}.");
        opportunities.MapPost("", async (CreateOpportunityRequest request, SaveOpportunity handler, HttpResponse response, CancellationToken ct) =>
        {
            var opportunity = await handler.Create(request, ct);
            Preconditions.SetETag(response, opportunity.Version);
            return TypedResults.Created($"/api/opportunities/{opportunity.Id}", opportunity);
        }).WithIdempotency();
        opportunities.MapGet("/{id:guid}", async (Guid id, GetOpportunity handler, HttpResponse response, CancellationToken ct) =>
        {
            var opportunity = await handler.Handle(id, ct);
            Preconditions.SetETag(response, opportunity.Version);
            return TypedResults.Ok(opportunity);
        }).WithSummary("One opportunity with its stage history and the time in each stage.");
        opportunities.MapPut("/{id:guid}", async (Guid id, UpdateOpportunityRequest request, SaveOpportunity handler, HttpContext http, CancellationToken ct) =>
        {
            var opportunity = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, opportunity.Version);
            return TypedResults.Ok(opportunity);
        }).WithSummary("Changes the fields (If-Match); probability null = the stage's default, a number overrides it.");
        opportunities.MapDelete("/{id:guid}", async (Guid id, SaveOpportunity handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Archives the opportunity (it keeps its history).");
        opportunities.MapPost("/{id:guid}/move", (Guid id, MoveRequest request, MoveOpportunity handler, CancellationToken ct) => handler.Handle(id, request, ct))
            .WithSummary("Moves the opportunity to another stage of its pipeline (stage history; the stage's probability unless overridden).");
        opportunities.MapPost("/{id:guid}/win", (Guid id, WinRequest request, CloseOpportunity handler, CancellationToken ct) => handler.Win(id, request, ct))
            .WithSummary("Wins the opportunity with a reason from the won list (forecast category closed, 100 %).");
        opportunities.MapPost("/{id:guid}/lose", (Guid id, LoseRequest request, CloseOpportunity handler, CancellationToken ct) => handler.Lose(id, request, ct))
            .WithSummary("Loses the opportunity with a reason from the lost list and the competitor it went to (0 %).");
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(Guid? PipelineId, Guid? StageId, string? Status, Guid? OwnerId, Guid? TeamId, Guid? CustomerId,
        string? CloseMonth, bool? Stuck, int? Limit, string? After, bool? Shared = null)
    {
        public OpportunityQuery ToQuery() => new(PipelineId, StageId, QueryValues.Enum<OpportunityStatus>(Status, "status"), OwnerId, TeamId,
            CustomerId, CloseMonth, Stuck, Shared ?? false);
    }

    /// <summary>A capped count.</summary>
    public sealed record CountResponse(int Count, bool Capped);
}
