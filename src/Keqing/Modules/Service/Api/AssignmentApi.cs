using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service.Api;

/// <summary>Assignment (DOMAIN V3): the skill list, agents' skills, capacity and availability, teams' auto-assignment, team queues.</summary>
public static class AssignmentApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var skills = api.MapGroup("/skills").WithTags("Service");
        skills.MapGet("", (Skills handler, CancellationToken ct) => handler.List(ct)).RequireAuthorization(AssignmentCapabilities.Manage)
            .WithSummary("The skill list (product lines, languages, regions) with how many agents hold each.");
        skills.MapPost("", async (SkillInput input, Skills handler, CancellationToken ct) =>
        {
            var skill = await handler.Create(input, ct);
            return TypedResults.Created($"/api/skills/{skill.Id}", skill);
        }).RequireAuthorization(AssignmentCapabilities.Manage).WithSummary("Adds a skill; for a product line the value is a product category's id.");
        skills.MapDelete("/{id:guid}", async (Guid id, Skills handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(AssignmentCapabilities.Manage).WithSummary("Removes a skill from the list and from everyone holding it.");
        skills.MapGet("/agents", (AgentProfiles handler, CancellationToken ct) => handler.List(ct)).RequireAuthorization(AssignmentCapabilities.Manage)
            .WithSummary("Every active service agent and manager with skills, capacity, availability and open cases.");
        skills.MapPut("/agents/{id:guid}", (Guid id, AgentProfileInput input, AgentProfiles handler, CancellationToken ct) => handler.Set(id, input, ct))
            .RequireAuthorization(AssignmentCapabilities.Manage).WithSummary("Sets an agent's capacity, availability and skills (the list replaces theirs).");
        skills.MapGet("/me", (AgentProfiles handler, CancellationToken ct) => handler.Mine(ct)).RequireAuthorization(ServiceCapabilities.Work)
            .WithSummary("The caller's own skills, capacity, availability and open cases.");
        skills.MapPut("/me/availability", (AvailabilityInput input, AgentProfiles handler, CancellationToken ct) => handler.SetMyAvailability(input, ct))
            .RequireAuthorization(ServiceCapabilities.Work).WithSummary("The caller sets themselves away (no automatic assignment) or available.");
        skills.MapGet("/teams", (AgentProfiles handler, CancellationToken ct) => handler.Teams(ct)).RequireAuthorization(AssignmentCapabilities.Manage)
            .WithSummary("Every team and whether its new cases are assigned automatically.");
        skills.MapPut("/teams/{id:guid}", (Guid id, TeamAssignmentInput input, AgentProfiles handler, CancellationToken ct) => handler.SetTeam(id, input, ct))
            .RequireAuthorization(AssignmentCapabilities.Manage).WithSummary("Turns a team's auto-assignment on or off.");
        skills.MapGet("/intake", async (IntakeRouting handler, HttpResponse response, CancellationToken ct) =>
        {
            var setting = await handler.Get(ct);
            Preconditions.SetETag(response, setting.Version);
            return setting;
        }).RequireAuthorization(AssignmentCapabilities.Manage)
            .WithSummary("The service intake team that receives cases customers open in the portal or by email (ADR 0110); none: the customer owner's team.");
        skills.MapPut("/intake", async (IntakeSettingInput input, IntakeRouting handler, HttpContext http, CancellationToken ct) =>
        {
            var setting = await handler.Set(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, setting.Version);
            return setting;
        }).RequireAuthorization(AssignmentCapabilities.Manage).WithSummary("Sets (teamId) or clears the service intake team; If-Match with the ETag of GET.");

        var queues = api.MapGroup("/queues").WithTags("Service").RequireAuthorization(ServiceCapabilities.Work);
        queues.MapGet("/{id:guid}", (Guid id, int? limit, string? after, TeamQueue handler, CancellationToken ct) => handler.List(id, limit, after, ct))
            .WithSummary("The team's cases waiting for an agent, oldest first, keyset-paged (members, managers of the team, admins).");
        queues.MapPost("/{id:guid}/take", async (Guid id, TakeCaseInput input, TeamQueue handler, CancellationToken ct) =>
            await handler.Take(id, input, ct) is { } taken ? Results.Ok(taken) : Results.NoContent())
            .WithSummary("The caller takes the chosen case (caseId) or the oldest one: 200 with the case, 204 when the queue is empty, 409 when someone took it first.");
    }
}
