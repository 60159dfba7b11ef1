using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Features;
using Keqing.Modules.Notifications.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Modules.Notifications;

/// <summary>
/// Notifications (DOMAIN C10): in-app (bell, list, live to open browsers), email, and WeCom / DingTalk / Feishu group
/// robots through an outbox; per-user channels and quiet hours.
/// </summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
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
        services.AddScoped<ManageRobots>();
        services.AddScoped<Deliveries>();
        services.AddScoped<RobotSender>();
        services.AddScoped<EmailSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();

        services.AddHttpClient(RobotSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        return services;
    }

    public static void MapNotificationsModule(this RouteGroupBuilder api) => Api.NotificationsApi.Map(api);
}
