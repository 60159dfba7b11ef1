using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Features;

namespace Keqing.Modules.Opportunities.Api;

/// <summary>Maps who should take a deal: <c>GET /api/opportunities/{id}/recommended-reps</c> and <c>POST …/assign</c> (capability <c>opportunities.assign</c>).</summary>
public static class AssignmentApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/opportunities/{id:guid}").WithTags("Opportunities").RequireAuthorization(OpportunitiesCapabilities.Assign);
        group.MapGet("/recommended-reps", async (Guid id, RecommendReps handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(id, ct)))
            .WithSummary("The active sales reps of the caller's teams ranked for this opportunity, with every part of each score: win rate on similar deals (shrunk toward the team's), history with the customer, open pipeline.");
        group.MapPost("/assign", async (Guid id, AssignInput input, AssignOpportunity handler, CancellationToken ct) =>
            {
                var assigned = await handler.Handle(id, input, ct);
                return TypedResults.Ok(new { assigned.Id, assigned.OwnerId, assigned.TeamId, assigned.Version });
            })
            .WithSummary("Gives the opportunity to an active user of a team the caller manages (an admin: anyone active) and notifies them.");
    }
}
