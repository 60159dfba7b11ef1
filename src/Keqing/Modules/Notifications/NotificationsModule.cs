using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Features;
using Keqing.Modules.Notifications.Jobs;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications;

/// <summary>
/// Notifications (DOMAIN C10): in-app (bell, list, live to open browsers), email, and WeCom / DingTalk / Feishu group
/// robots through an outbox; per-user channels and quiet hours; the business-registration lookup (工商信息).
/// </summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Keqing:Notifications"));
        services.Configure<OutboxOptions>(configuration.GetSection("Keqing:Outbox"));
        services.Configure<SmtpOptions>(configuration.GetSection("Keqing:Smtp"));
        services.Configure<CompanyRegistryOptions>(configuration.GetSection("Keqing:CompanyRegistry"));

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
        services.AddLeasedJob<OutboxDispatcher>();

        services.AddHttpClient(RobotSender.HttpClientName,
                (sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OutboxOptions>>().Value.RobotTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        services.AddHttpClient(HttpCompanyRegistry.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        var provider = configuration["Keqing:CompanyRegistry:Provider"] ?? "offline";
        if (provider.Equals("http", StringComparison.OrdinalIgnoreCase)) services.AddScoped<ICompanyRegistry, HttpCompanyRegistry>();
        else services.AddSingleton<ICompanyRegistry, OfflineCompanyRegistry>();
        return services;
    }

    public static void MapNotificationsModule(this RouteGroupBuilder api) => Api.NotificationsApi.Map(api);
}
