using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keqing.Modules.Identity.Api;

/// <summary>
/// <c>/api/{route}/{id}/collaborators</c> for every record type a module declares as a <see cref="CollaborationTarget"/>
/// (literal routes, one set per record type, so each has its row in the access matrix).
/// </summary>
public static class CollaboratorsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        foreach (var target in ((IEndpointRouteBuilder)api).ServiceProvider.GetServices<CollaborationTarget>())
        {
            var type = RecordTypes.KeyOf(target.Entity);
            var group = api.MapGroup($"/{target.Route}/{{id:guid}}/collaborators").WithTags("Collaborators");
            if (target.Capability is { } capability) group.RequireAuthorization(capability);
            group.MapGet("", (Guid id, ICollaborators handler, CancellationToken ct) => handler.List(type, id, ct))
                .WithSummary("The record's collaborators (a user or a team, read or write, until a date) and whether the caller may change them.");
            group.MapPost("", async Task<Results<Created<CollaboratorDto>, Ok<CollaboratorDto>>> (Guid id, CollaboratorRequest request, ICollaborators handler, CancellationToken ct) =>
            {
                var (collaborator, created) = await handler.Add(type, id, request, ct);
                return created ? TypedResults.Created($"/api/{target.Route}/{id}/collaborators/{collaborator.Id}", collaborator) : TypedResults.Ok(collaborator);
            }).WithSummary("Adds a collaborator {userId | teamId, access: read|write, until}, or changes that user's or team's; the owner, their manager or an admin.");
            group.MapDelete("/{shareId:guid}", async (Guid id, Guid shareId, ICollaborators handler, CancellationToken ct) =>
            {
                await handler.Remove(type, id, shareId, ct);
                return TypedResults.NoContent();
            }).WithSummary("Removes a collaborator; the owner, their manager or an admin.");
        }
    }
}
