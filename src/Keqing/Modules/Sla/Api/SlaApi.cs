using Keqing.Infrastructure.Http;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Features;

namespace Keqing.Modules.Sla.Api;

/// <summary><c>/api/sla-policies</c>: SLA policies (admins: <c>sla.policies.manage</c>).</summary>
public static class SlaApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/sla-policies").WithTags("SLA").RequireAuthorization(SlaCapabilities.ManagePolicies);
        policies.MapGet("", (SlaPolicies handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Every SLA policy, per record type in the order they are tried: most specific first (most conditions set), then the admins' order.");
        policies.MapGet("/{id:guid}", async (Guid id, SlaPolicies handler, HttpResponse response, CancellationToken ct) =>
        {
            var policy = await handler.Get(id, ct);
            Preconditions.SetETag(response, policy.Version);
            return TypedResults.Ok(policy);
        });
        policies.MapPost("", async (SlaPolicyInput input, SlaPolicies handler, HttpResponse response, CancellationToken ct) =>
        {
            var policy = await handler.Create(input, ct);
            Preconditions.SetETag(response, policy.Version);
            return TypedResults.Created($"/api/sla-policies/{policy.Id}", policy);
        }).WithIdempotency()
            .WithSummary("Creates a policy: record type (service.case), conditions on priorities, types and customer grades, first-response and resolution targets in business minutes, calendar, warning percentage (80).");
        policies.MapPut("/{id:guid}", async (Guid id, SlaPolicyInput input, SlaPolicies handler, HttpContext http, CancellationToken ct) =>
        {
            var policy = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, policy.Version);
            return TypedResults.Ok(policy);
        }).WithSummary("Changes a policy (If-Match); running clocks keep their targets until their record changes.");
        policies.MapDelete("/{id:guid}", async (Guid id, SlaPolicies handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });
    }
}
