using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Features;
using Keqing.Modules.Notifications.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications;

/// <summary>
/// Notifications (DOMAIN C10): in-app (bell, list, live to open browsers), email, and WeCom / DingTalk / Feishu group
/// robots through an outbox; per-user channels and quiet hours.
/// </summary>
public sealed class NotificationsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("notifications")
    {
        Texts = typeof(Resources.NotificationsResource),
        RecordTypes = [typeof(Domain.Robot)],
        Capabilities =
        [
            new(NotificationsCapabilities.ManageRobots, "Add team group robots (WeCom, DingTalk, Feishu) and read their deliveries", [Roles.Admin]),
        ],
        Menu =
        [
            new("notifications", "/notifications", "Notifications", MudBlazor.Icons.Material.Filled.Notifications, Order: 20),
            new("notification-settings", "/me/notifications", "Notification settings", MudBlazor.Icons.Material.Filled.NotificationsActive, Order: 30),
            new("robots", "/admin/robots", "Group robots", MudBlazor.Icons.Material.Filled.SmartToy, NotificationsCapabilities.ManageRobots, MenuSection.Administration, 50),
        ],
        Jobs = [typeof(OutboxDispatcher)],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Keqing:Notifications"));
        services.Configure<OutboxOptions>(configuration.GetSection("Keqing:Outbox"));
        services.Configure<SmtpOptions>(configuration.GetSection("Keqing:Smtp"));

        services.AddSingleton<InAppHub>();
        services.AddScoped<IInterceptor, InAppPublishInterceptor>();
        services.AddSingleton<WebhookGuard>();
        services.AddScoped<Notifier>();
        services.AddScoped<INotifier>(sp => sp.GetRequiredService<Notifier>());
        services.AddScoped<Inbox>();
        services.AddScoped<Preferences>();
        services.AddScoped<IUserCultures, UserCultures>();
        services.AddScoped<UserTimeZones>();
        services.AddScoped<Keqing.Infrastructure.Time.IUserTimeZones>(sp => sp.GetRequiredService<UserTimeZones>());
        services.AddScoped<ManageRobots>();
        services.AddScoped<Deliveries>();
        services.AddScoped<RobotSender>();
        services.AddScoped<EmailSender>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        
        services.AddHttpClient(RobotSender.HttpClientName,
                (sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OutboxOptions>>().Value.RobotTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.NotificationsApi.Map(api);
}
