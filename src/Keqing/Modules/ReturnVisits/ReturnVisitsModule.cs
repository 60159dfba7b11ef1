using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Features;
using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.ReturnVisits;

/// <summary>
/// Return visits (回访, DOMAIN C9): after an order or a closed case a return visit is scheduled by the rule of the
/// customer's grade, done by phone or in person with the form an admin defines per grade; its answers go on the
/// timeline and into a report.
/// </summary>
public sealed class ReturnVisitsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("return-visits")
    {
        Texts = typeof(Resources.ReturnVisitsResource),
        RecordTypes = [typeof(Domain.ReturnVisit), typeof(Domain.ReturnVisitForm), typeof(Domain.ReturnVisitRule)],
        Capabilities =
        [
            new(ReturnVisitsCapabilities.Work, "Do the return visits one may see: fill in their form or cancel them",
                [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.ServiceManager, Roles.ServiceAgent]),
            new(ReturnVisitsCapabilities.Manage, "Define return visit forms and when return visits are scheduled", [Roles.Admin]),
            new(ReturnVisitsCapabilities.Reports, "Read the return visit report of the visits one may see",
                [Roles.Admin, Roles.SalesManager, Roles.ServiceManager]),
        ],
        Menu =
        [
            new("return-visits", "/return-visits", "Return visits", MudBlazor.Icons.Material.Filled.PhoneCallback, ReturnVisitsCapabilities.Work, Order: 30),
            new("return-visits-report", "/reports/return-visits", "Return visit report", MudBlazor.Icons.Material.Filled.Poll, ReturnVisitsCapabilities.Reports, Order: 81),
            new("return-visit-forms", "/admin/return-visits", "Return visit forms", MudBlazor.Icons.Material.Filled.ListAlt, ReturnVisitsCapabilities.Manage,
                MenuSection.Administration, 91),
        ],
        Contributions =
        [
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, ReturnVisitsTodo>(),
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, ReturnVisitHandoverStep>(),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, ReturnVisitMergeStep>(),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReturnVisitForms>();
        services.AddScoped<ReturnVisitRuleSettings>();
        services.AddScoped<ReturnVisitMapping>();
        services.AddScoped<ReturnVisitTimeline>();
        services.AddScoped<ListReturnVisits>();
        services.AddScoped<GetReturnVisit>();
        services.AddScoped<CompleteReturnVisit>();
        services.AddScoped<CancelReturnVisit>();
        services.AddScoped<ReturnVisitReport>();
        services.AddScoped<ScheduleReturnVisits>();
        services.AddScoped<IBeforeCommitHandler<OrderPlaced>>(sp => sp.GetRequiredService<ScheduleReturnVisits>());
        services.AddScoped<IBeforeCommitHandler<CaseClosed>>(sp => sp.GetRequiredService<ScheduleReturnVisits>());
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.ReturnVisitsApi.Map(api);
}
