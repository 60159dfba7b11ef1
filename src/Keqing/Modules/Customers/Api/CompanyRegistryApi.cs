using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Customers.Api;

/// <summary>The business-registry lookup (工商信息) a customer form fills its registered details from.</summary>
public static class CompanyRegistryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/company-registry", async (string? name, int? limit, ICompanyRegistry registry, CancellationToken ct) =>
            {
                var errors = new FieldErrors().Required("name", name).MaxLength("name", name, 100);
                if (name is { Length: > 0 } && name.Trim().Length < 2) errors.Add("name", FieldErrors.Text("name needs at least 2 characters."));
                errors.ThrowIfAny();
                return TypedResults.Ok(await registry.Search(name!, Math.Clamp(limit ?? 10, 1, 50), ct));
            })
            .WithTags("Company registry").WithSummary("Registered companies (工商信息) whose name contains name: credit code, legal representative, address, status.");
    }
}
