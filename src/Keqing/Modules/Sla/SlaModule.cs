using Keqing.Infrastructure.Modules;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Sla.Contracts;

namespace Keqing.Modules.Sla;

/// <summary>
/// The SLA engine (DOMAIN V2), generic as the approval engine is: admins set policies per record type (conditions on
/// priority, type and customer grade; first-response and resolution targets in business minutes on a calendar;
/// a warning percentage); a module starts, pauses, resumes, changes and stops its records' clocks through
/// <see cref="ISlaClocks"/>; the scan warns owners and escalates breaches to their team managers, recording each breach.
/// </summary>
public sealed class SlaModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("sla")
    {
        Texts = typeof(Resources.SlaResource),
        RecordTypes = [typeof(Domain.SlaPolicy)],
        Capabilities =
        [
            new(SlaCapabilities.ManagePolicies, "Set up SLA policies: conditions, response and resolution targets, calendars", [Roles.Admin]),
            new(SlaCapabilities.WorkRecords, "Work records on SLA clocks: one's own near-breach and breached ones on the to-do list", [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent]),
        ],
        Menu =
        [
            new("sla-policies", "/admin/sla-policies", "SLA policies", MudBlazor.Icons.Material.Filled.AvTimer, SlaCapabilities.ManagePolicies, MenuSection.Administration, 76),
        ],
        Jobs = [typeof(Jobs.SlaScanJob)],
        Contributions =
        [
            ServiceDescriptor.Scoped<ICalendarUsage, Features.SlaCalendarUsage>(),
            ServiceDescriptor.Scoped<Keqing.Modules.Todo.Contracts.ITodoSource, Features.SlaTodo>(),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.SlaPolicies>();
        services.AddScoped<Features.SlaClocks>();
        services.AddScoped<ISlaClocks>(sp => sp.GetRequiredService<Features.SlaClocks>());
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.SlaApi.Map(api);
}
