using Keqing.Modules.Customers;
using Keqing.Modules.Identity;
using Keqing.Modules.Imports;
using Keqing.Modules.Notifications;
using Keqing.Modules.Privacy;
using Keqing.Modules.Timeline;

namespace Keqing.Modules;

/// <summary>Every module of the app, registered once for the web host, the command line and the benches alike.</summary>
public static class KeqingModules
{
    public static IServiceCollection AddKeqingModules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityModule();
        services.AddCustomersModule();
        services.AddNotificationsModule(configuration);
        services.AddTimelineModule();
        services.AddPrivacyModule();
        services.AddImportsModule(configuration);
        return services;
    }

    public static void MapKeqingModules(this RouteGroupBuilder api)
    {
        api.MapIdentityModule();
        api.MapCustomersModule();
        api.MapNotificationsModule();
        api.MapTimelineModule();
        api.MapPrivacyModule();
        api.MapImportsModule();
    }
}
