using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Features;

namespace Keqing.Modules.Privacy;

/// <summary>
/// Privacy and the right distance (DOMAIN P1–P4): sensitivity grants and masking, reveals and the access log, consents
/// and marketing eligibility, data-subject export and erasure with a suppression list, and the boundary-override report.
/// </summary>
public sealed class PrivacyModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("privacy")
    {
        Texts = typeof(Resources.PrivacyResource),
        RecordTypes = [typeof(Domain.Consent), typeof(Domain.PrivacyGrant)],
        Capabilities =
        [
            new(PrivacyCapabilities.Manage, "Set which roles see each category of personal data; read the access log and the boundary-override report", [Roles.Admin]),
            new(PrivacyCapabilities.SubjectRequests, "Export or erase everything held about a person (data-subject requests)", [Roles.Admin]),
        ],
        Menu = [new("privacy", "/admin/privacy", "Privacy", MudBlazor.Icons.Material.Filled.PrivacyTip, PrivacyCapabilities.Manage, MenuSection.Administration, 40)],
        Contributions = [ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, Features.PrivacyMergeStep>()],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddScoped<IPrivacyGrants, PrivacyGrants>();
        services.AddScoped<IMarketingEligibility, MarketingEligibility>();
        // An erasure adds to the list through the class; other modules only ask, through the interface (the same instance).
        services.AddScoped<SuppressionList>();
        services.AddScoped<ISuppressionList>(sp => sp.GetRequiredService<SuppressionList>());
        services.AddScoped<IBoundaryOverrideLog, BoundaryOverrideLog>();
        services.AddScoped<GrantSettings>();
        services.AddScoped<IReveals, Reveals>();
        services.AddScoped<AccessLog>();
        services.AddScoped<IConsents, Consents>();
        services.AddScoped<ISubjectRequests, SubjectRequests>();
        services.AddScoped<BoundaryOverrideReport>();
        services.AddScoped<IPersonalDataMasker, PersonalDataMasker>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddScoped<IPersonalDataStep, SubjectRecords>();
        services.AddScoped<ISubjectConsents, SubjectConsents>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.PrivacyApi.Map(api);
}
