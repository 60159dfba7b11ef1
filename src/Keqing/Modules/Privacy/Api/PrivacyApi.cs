using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Features;

namespace Keqing.Modules.Privacy.Api;

/// <summary>The privacy endpoints: grants, reveal, access log, consents, data-subject requests, boundary overrides.</summary>
public static class PrivacyApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/privacy").WithTags("Privacy");
        privacy.MapGet("/grants", (GrantSettings handler, CancellationToken ct) => handler.List(ct))
            .RequireAuthorization(PrivacyCapabilities.Manage).WithSummary("Each role's level (none, reveal, see) per personal-data category.");
        privacy.MapPut("/grants", (IReadOnlyList<RoleGrantsDto> grants, GrantSettings handler, CancellationToken ct) => handler.Put(grants, ct))
            .RequireAuthorization(PrivacyCapabilities.Manage).WithSummary("Sets the levels given; roles and categories left out keep theirs.");
        privacy.MapGet("/my-grants", (IPrivacyGrants grants, CancellationToken ct) => grants.Levels(ct))
            .WithSummary("The caller's level per category.");
        privacy.MapPost("/reveal", async (RevealRequest request, IReveals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Create(request, ct)))
            .WithSummary($"Shows one masked category of one record for {Reveals.Duration.TotalMinutes:0} minutes, with a reason for the access log.");
        privacy.MapGet("/access-log", (AccessLog handler, Guid? userId, string? entity, Guid? id, DateTime? from, DateTime? to, string? action,
                int? limit, string? after, CancellationToken ct) => handler.Handle(new AccessLog.Query(userId, entity, id, from, to, action), limit, after, ct))
            .RequireAuthorization(PrivacyCapabilities.Manage).WithSummary("Views of sensitive data, reveals, exports and erasures, newest first.");
        privacy.MapGet("/boundary-overrides", (BoundaryOverrideReport handler, DateTime? from, DateTime? to, Guid? userId, Guid? customerId,
                int? limit, string? after, CancellationToken ct) => handler.Handle(from, to, userId, customerId, limit, after, ct))
            .RequireAuthorization(PrivacyCapabilities.Manage).WithSummary("Contact-boundary warnings that were overridden, and by whom.");

        foreach (var (path, type) in new[] { ("customers", SubjectType.Customer), ("contacts", SubjectType.Contact) })
        {
            privacy.MapGet($"/subjects/{path}/{{id:guid}}/export", async (Guid id, ISubjectRequests handler, CancellationToken ct) =>
                    TypedResults.File(await handler.Export(new DataSubject(type, id), ct), "application/zip", $"subject-{id}.zip"))
                .RequireAuthorization(PrivacyCapabilities.SubjectRequests).WithSummary("Everything held about a person: subject.json and CSVs in a zip.");
            privacy.MapPost($"/subjects/{path}/{{id:guid}}/erase", async (Guid id, ErasureRequest request, ISubjectRequests handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.Erase(new DataSubject(type, id), request, ct)))
                .RequireAuthorization(PrivacyCapabilities.SubjectRequests).WithSummary("Anonymises a person everywhere, keeping ids and aggregates; suppresses them for marketing.");

            var consents = api.MapGroup($"/{path}/{{id:guid}}/consents").WithTags("Privacy");
            consents.MapGet("", (Guid id, IConsents handler, CancellationToken ct) => handler.List(new DataSubject(type, id), ct));
            consents.MapPost("", async (Guid id, ConsentInput input, IConsents handler, CancellationToken ct) =>
            {
                var consent = await handler.Create(new DataSubject(type, id), input, ct);
                return TypedResults.Created($"/api/{path}/{id}/consents/{consent.Id}", consent);
            });
        }
        api.MapGet("/audit", (AuditTrail trail, string? entity, Guid? id, int? limit, string? after, CancellationToken ct) =>
                trail.Handle(entity, id, limit, after, ct))
            .WithTags("Audit").WithSummary("The audit trail of one record (entity: its record type key, e.g. customers.customer), newest first.");
        api.MapPost("/consents/{id:guid}/withdraw", async (Guid id, IConsents handler, CancellationToken ct) => TypedResults.Ok(await handler.Withdraw(id, ct)))
            .WithTags("Privacy").WithSummary("Withdraws a consent; the record stays as evidence.");
    }
}
