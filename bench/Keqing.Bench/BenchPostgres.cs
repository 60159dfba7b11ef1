using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Bench;

/// <summary>
/// What most benches start from: a throwaway PostgreSQL cluster with an empty database <c>keqing_bench</c>, and the app's
/// services over it as the app registers them, with the statements they send captured.
/// </summary>
public static class BenchPostgres
{
    public static async Task<(PostgresCluster Cluster, string ConnectionString)> StartAsync(CancellationToken ct)
    {
        Console.WriteLine("Starting a throwaway PostgreSQL cluster ...");
        var cluster = await PostgresCluster.StartAsync("C.UTF-8", BenchSettings.Postgres);
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE keqing_bench", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return (cluster, cluster.ConnectionString("keqing_bench"));
    }

    /// <summary>The app's services over <paramref name="connectionString"/>, migrated.</summary>
    public static async Task<ServiceProvider> AppServicesAsync(string connectionString, CommandCapture capture, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Keqing:Database:Provider"] = "postgres",
            ["ConnectionStrings:Keqing"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddLogging();
        services.AddLocalization();
        services.AddKeqingDatabase(configuration);
        services.AddScoped<CurrentUser>();
        services.AddKeqingModules(configuration);
        services.ConfigureDbContext<PostgresKeqingDb>((_, o) => o.AddInterceptors(capture));
        var provider = services.BuildServiceProvider(validateScopes: true);
        await DatabaseMigrator.MigrateAsync(provider, ct);
        return provider;
    }
}
