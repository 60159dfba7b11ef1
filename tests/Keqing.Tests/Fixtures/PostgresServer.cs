using Npgsql;

[assembly: AssemblyFixture(typeof(Keqing.Tests.Fixtures.PostgresServer))]

namespace Keqing.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp folder, listening on a free loopback port,
/// fsync off. Each test class gets a database of its own. Skipped (loudly) only outside CI when PostgreSQL is missing.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private Keqing.Testing.PostgresCluster? cluster;
    private int databases;

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
    public async Task<string> CreateDatabaseAsync()
    {
        if (AdminConnectionString is null) Assert.Skip(UnavailableReason ?? "PostgreSQL unavailable");
        var name = $"keqing_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}
