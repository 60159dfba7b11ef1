using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;
using Keqing.Modules.Timeline.Jobs;

namespace Keqing.Modules.Timeline;

/// <summary>
/// Contact history and follow-up (DOMAIN T1–T4, P4, C8): one timeline per customer that every module publishes to,
/// interactions, commitments, tasks, "my day", alerts, hand-over and contact boundaries.
/// </summary>
public sealed class TimelineModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("timeline")
    {
        Texts = typeof(Resources.TimelineResource),
        RecordTypes = [typeof(Domain.Interaction), typeof(Domain.Commitment), typeof(Domain.TaskItem), typeof(Domain.Handover), typeof(Domain.ContactPreference), typeof(Domain.TimelineSettings)],
        Capabilities =
        [
            new(TimelineCapabilities.HandOver, "Hand an employee's customers, tasks and commitments over to another", [Roles.Admin, Roles.SalesManager, Roles.ServiceManager]),
            new(TimelineCapabilities.ManageSettings, "Set the contact cadence per grade, quiet hours, weekly cap and time zone", [Roles.Admin]),
        ],
        Menu =
        [
            new("my-day", "/me/day", "My day", MudBlazor.Icons.Material.Filled.Today, Order: 40),
            new("handover", "/admin/handover", "Hand-over", MudBlazor.Icons.Material.Filled.SwapHoriz, TimelineCapabilities.HandOver, Order: 70),
            new("timeline-settings", "/admin/timeline-settings", "Follow-up rules", MudBlazor.Icons.Material.Filled.EventRepeat, TimelineCapabilities.ManageSettings, MenuSection.Administration, 60),
        ],
        Jobs = [typeof(TimelineJobs)],
        DemoSeeder = typeof(TimelineDemoData),
        Contributions =
        [
            ServiceDescriptor.Scoped<Identity.Contracts.IDeactivationCheck>(sp => sp.GetRequiredService<HandoverCheck>()),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, TimelineMergeStep>(),
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, TimelinePersonalData>(),
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, TasksTodo>(),
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, CommitmentsTodo>(),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ITimelinePublisher, TimelinePublisher>();
        services.AddScoped<HandoverCheck>();
        services.AddScoped<TimelineAccess>();
        services.AddScoped<TimelineSettingsStore>();
        services.AddScoped<IContactBoundaryCheck, ContactBoundaryCheck>();
        services.AddScoped<GetTimeline>();
        services.AddScoped<SaveInteraction>();
        services.AddScoped<ListInteractions>();
        services.AddScoped<Commitments>();
        services.AddScoped<Tasks>();
        services.AddScoped<ISubjectTasks>(sp => sp.GetRequiredService<Tasks>());
        services.AddScoped<MyDay>();
        services.AddScoped<Alerts>();
        services.AddScoped<HandOver>();
        services.AddScoped<CustomerBrief>();
        services.AddScoped<ContactPreferences>();
        services.AddScoped<IContactHistory, ContactHistory>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.TimelineApi.Map(api);
}
