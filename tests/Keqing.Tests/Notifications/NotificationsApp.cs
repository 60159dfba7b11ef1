using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Notifications;

/// <summary>
/// The host for notification tests: robots may post to the loopback <see cref="RobotStub"/> (the test-only switch), email
/// goes to the <see cref="SmtpSink"/>, and the clock is a <see cref="FakeTimeProvider"/> the tests move.
/// </summary>
public abstract class NotificationsApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
{
    public const string PublicUrl = "https://crm.example.test";

    public RobotStub Robots { get; } = new();
    public SmtpSink Smtp { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Keqing:Notifications:AllowInsecureLoopbackTargets", "true");
        builder.UseSetting("Keqing:Notifications:PublicUrl", PublicUrl);
        builder.UseSetting("Keqing:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Keqing:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Keqing:Smtp:From", "Keqing CRM <noreply@keqing.test>");
        builder.UseSetting("Keqing:Outbox:RetryBaseSeconds", "30");
        builder.UseSetting("Keqing:Outbox:MaxAttempts", "3");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Robots.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The notification host on SQLite.</summary>
public sealed class NotificationsSqliteApp(PostgresServer postgres) : NotificationsApp(postgres, Provider.Sqlite);

/// <summary>The notification host on PostgreSQL.</summary>
public sealed class NotificationsPostgresApp(PostgresServer postgres) : NotificationsApp(postgres, Provider.Postgres);
