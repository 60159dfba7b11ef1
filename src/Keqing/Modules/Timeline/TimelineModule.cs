using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;
using Keqing.Modules.Timeline.Jobs;

namespace Keqing.Modules.Timeline;

/// <summary>
/// Contact history and follow-up (DOMAIN T1–T4, P4, C8): one timeline per customer that every module publishes to,
/// interactions, commitments, tasks, "my day", alerts, hand-over and contact boundaries.
/// </summary>
public static class TimelineModule
{
    public static IServiceCollection AddTimelineModule(this IServiceCollection services)
    {
        services.AddScoped<ITimelinePublisher, TimelinePublisher>();
        services.AddScoped<HandoverCheck>();
        services.AddScoped<Keqing.Modules.Identity.Contracts.IDeactivationCheck>(sp => sp.GetRequiredService<HandoverCheck>());
        services.AddScoped<Keqing.Modules.Customers.Contracts.ICustomerMergeStep, TimelineMergeStep>();
        services.AddScoped<TimelineAccess>();
        services.AddScoped<TimelineSettingsStore>();
        services.AddScoped<IContactBoundaryCheck, ContactBoundaryCheck>();
        services.AddScoped<GetTimeline>();
        services.AddScoped<SaveInteraction>();
        services.AddScoped<ListInteractions>();
        services.AddScoped<Commitments>();
        services.AddScoped<Tasks>();
        services.AddScoped<MyDay>();
        services.AddScoped<Alerts>();
        services.AddScoped<HandOver>();
        services.AddScoped<CustomerBrief>();
        services.AddScoped<ContactPreferences>();
        services.AddScoped<Privacy.Contracts.IPersonalDataStep, TimelinePersonalData>();
        services.AddScoped<Infrastructure.Web.IDemoSeeder, TimelineDemoData>();
        services.AddSingleton<TimelineJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<TimelineJobs>());
        return services;
    }

    public static void MapTimelineModule(this RouteGroupBuilder api) => Api.TimelineApi.Map(api);
}
