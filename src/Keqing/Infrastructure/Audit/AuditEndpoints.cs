namespace Keqing.Infrastructure.Audit;

/// <summary>Maps <c>GET /api/audit?entity=&amp;id=</c>.</summary>
public static class AuditEndpoints
{
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/audit", (AuditTrail trail, string? entity, Guid? id, int? limit, string? after, CancellationToken ct) =>
                trail.Handle(entity, id, limit, after, ct))
            .WithTags("Audit").WithSummary("The audit trail of one record, newest first.");
}
