using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Fixtures;

/// <summary>
/// The real host (Program) on a fresh database of one provider: a copy of the migrated template, on which the host
/// creates the first admin exactly as on a first start. One per test class; tests create their own data so they can share it.
/// </summary>
public abstract class KeqingApp(PostgresServer postgres, Provider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@keqing.local";
    public const string AdminPassword = "Admin-test-password-1";
    public const string Password = "Test-password-2026";

    private string connectionString = "";
    private string? sqliteFile;

    public Provider Provider { get; } = provider;

    public async ValueTask InitializeAsync()
    {
        if (Provider == Provider.Postgres)
            connectionString = StartsFromEmptyDatabase ? await postgres.CreateDatabaseAsync() : await postgres.CreateMigratedDatabaseAsync();
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"keqing-test-{Guid.NewGuid():N}.db");
            if (!StartsFromEmptyDatabase) await DatabaseTemplate.CopySqliteTo(sqliteFile);
            connectionString = $"Data Source={sqliteFile}";
        }
        await PrepareDatabaseAsync(connectionString);
        _ = Server; // start the host: migrations (none left on a template copy) and first-start seeding run now
    }

    /// <summary>
    /// False: the host starts on a copy of the migrated <see cref="DatabaseTemplate"/>. True: on an empty database, for a
    /// class that builds an older one in <see cref="PrepareDatabaseAsync"/>.
    /// </summary>
    protected virtual bool StartsFromEmptyDatabase => false;

    /// <summary>Runs before the host starts: a test class can build an older database here to see it upgraded.</summary>
    protected virtual ValueTask PrepareDatabaseAsync(string connectionString) => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Keqing:Database:Provider", Provider == Provider.Postgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite);
        builder.UseSetting("ConnectionStrings:Keqing", connectionString);
        builder.UseSetting("KEQING_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Background jobs do not tick by themselves in tests; a test runs them (e.g. TimelineJobs.RunDueAsync) when it wants.
        builder.UseSetting("Keqing:Jobs:Enabled", "false");
        builder.UseEnvironment("Testing");
        // Tests deliver the outbox themselves (OutboxDispatcher.DispatchDueAsync), never in the background.
        builder.UseSetting("Keqing:Outbox:Enabled", "false");
        // Every test signs in many times from one address; the security tests set their own low limits.
        builder.UseSetting("Keqing:Security:SignInsPerMinute", "100000");
        builder.UseSetting("Keqing:Security:AnonymousRequestsPerMinute", "100000");
        Configure(builder);
    }

    /// <summary>A test class's own settings and services on top of the defaults (loopback robots, SMTP sink, fake clock).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    /// <summary>The database this host runs on (a second host on the same database is a restarted node).</summary>
    public string ConnectionString => connectionString;

    public async Task<HttpClient> ClientFor(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminClient() => ClientFor(AdminEmail, AdminPassword);

    public static T Service<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
        }
        GC.SuppressFinalize(this);
    }

    private sealed record TokenResponse(string Token, DateTime ExpiresAt);
}

/// <summary>
/// The host with one <see cref="FakeTimeProvider"/> behind every clock (opt-in, for tests that move time: jobs,
/// cadence, reminders). Tokens live 12 hours on this clock: sign in again after moving it further.
/// </summary>
public abstract class ClockedKeqingApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
{
    /// <summary>Tuesday 2026-11-24 10:00 in Shanghai.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The host on SQLite with a fake clock.</summary>
public sealed class SqliteClockedApp(PostgresServer postgres) : ClockedKeqingApp(postgres, Provider.Sqlite);

/// <summary>The host on PostgreSQL with a fake clock.</summary>
public sealed class PostgresClockedApp(PostgresServer postgres) : ClockedKeqingApp(postgres, Provider.Postgres);

/// <summary>The host on SQLite.</summary>
public sealed class SqliteApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Sqlite);

/// <summary>The host on PostgreSQL.</summary>
public sealed class PostgresApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Postgres);
