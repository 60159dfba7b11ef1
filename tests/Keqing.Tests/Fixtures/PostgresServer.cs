using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Keqing.Tests.Fixtures.PostgresServer))]

namespace Keqing.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp folder, listening on a free loopback port,
/// fsync off. Each test class gets a database of its own. Skipped (loudly) only outside CI when PostgreSQL is missing.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? dataDir;
    private string? binDir;
    private bool asPostgresUser;
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
        binDir = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d).FirstOrDefault()
            : null;
        if (binDir is null)
        {
            UnavailableReason = "PostgreSQL is not installed (apt-get install postgresql); the PostgreSQL half of the data tests was skipped.";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(UnavailableReason);
            Console.Error.WriteLine($"WARNING: {UnavailableReason}");
            return;
        }

        asPostgresUser = Environment.UserName == "root";
        dataDir = Path.Combine(Path.GetTempPath(), $"keqing-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser) await Run("chown", $"postgres:postgres {dataDir}", asUser: false);
        var port = FreePort();
        await Run(Path.Combine(binDir, "initdb"), $"-D {dataDir}/data -U postgres --auth=trust -E UTF8 --no-sync --no-instructions", asPostgresUser);
        var options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -l {dataDir}/server.log -o \"{options}\" -w -t 60 start", asPostgresUser);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";
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
        NpgsqlConnection.ClearAllPools();
        if (dataDir is null || binDir is null) return;
        try
        {
            await Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -m immediate -w stop", asPostgresUser);
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, string arguments, bool asUser)
    {
        var start = asUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stdout} {await stderr}");
    }
}
