using Npgsql;

[assembly: AssemblyFixture(typeof(Keqing.Tests.Fixtures.PostgresServer))]

namespace Keqing.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp folder, listening on a free loopback port,
/// fsync off. Each test class gets a database of its own, usually a copy of the migrated template made once per run.
/// Skipped (loudly) only outside CI when PostgreSQL is missing.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly Lazy<Task<string>> template;
    private Keqing.Testing.PostgresCluster? cluster;
    private int databases;

    public PostgresServer() => template = new(MakeTemplateAsync);

    public string? AdminConnectionString { get; private set; }
    public string? UnavailableReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("KEQING_TEST_PG") is { Length: > 0 } external)
        {
            AdminConnectionString = external;
            return;
        }
        if (Keqing.Testing.PostgresCluster.FindBinDir() is null)
        {
            UnavailableReason = "PostgreSQL is not installed (apt-get install postgresql); the PostgreSQL half of the data tests was skipped.";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(UnavailableReason);
            Console.Error.WriteLine($"WARNING: {UnavailableReason}");
            return;
        }
        cluster = await Keqing.Testing.PostgresCluster.StartAsync(settings: "-c max_connections=300");
        AdminConnectionString = cluster.ConnectionString("postgres");
    }

    /// <summary>A new empty database; the connection string to it.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(template: null);

    /// <summary>A new database with every migration applied (a copy of the template); the connection string to it.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        if (AdminConnectionString is null) Assert.Skip(UnavailableReason ?? "PostgreSQL unavailable");
        return await CreateDatabaseAsync(await template.Value);
    }

    private async Task<string> CreateDatabaseAsync(string? template)
    {
        if (AdminConnectionString is null) Assert.Skip(UnavailableReason ?? "PostgreSQL unavailable");
        var name = $"keqing_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40];
        await Execute(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The migrated database the others are copied from, made by the first class that asks. PostgreSQL copies a template
    /// only while nobody is connected to it: the migrator runs without pooling, and connections are refused afterwards.
    /// </summary>
    private async Task<string> MakeTemplateAsync()
    {
        var name = $"keqing_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        await Execute($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
        await DatabaseTemplate.MigrateAsync(Provider.Postgres, connectionString);
        await Execute($"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        return name;
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}
