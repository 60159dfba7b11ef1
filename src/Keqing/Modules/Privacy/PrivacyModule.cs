using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Features;

namespace Keqing.Modules.Privacy;

/// <summary>
/// Privacy and the right distance (DOMAIN P1–P4): sensitivity grants and masking, reveals and the access log, consents
/// and marketing eligibility, data-subject export and erasure with a suppression list, and the boundary-override report.
/// </summary>
public static class PrivacyModule
{
    public static IServiceCollection AddPrivacyModule(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<PrivacyGrants>();
        services.AddScoped<MarketingEligibility>();
        services.AddScoped<SuppressionList>();
        services.AddScoped<BoundaryOverrideLog>();
        services.AddScoped<GrantSettings>();
        services.AddScoped<Customers.Contracts.ICustomerMergeStep, Features.PrivacyMergeStep>();
        services.AddScoped<Reveals>();
        services.AddScoped<AccessLog>();
        services.AddScoped<Consents>();
        services.AddScoped<SubjectRequests>();
        services.AddScoped<BoundaryOverrideReport>();
        return services;
    }

    public static void MapPrivacyModule(this RouteGroupBuilder api) => Api.PrivacyApi.Map(api);
}
