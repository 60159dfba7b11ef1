using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TimelineBench;

/// <summary>A PostgreSQL cluster in a temp folder on a free loopback port (as tests/Keqing.Tests/Fixtures/PostgresServer.cs), removed on dispose.</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), $"keqing-bench-pg-{Guid.NewGuid():N}");
    private readonly bool asPostgresUser = Environment.UserName == "root";
    private string binDir = "";

    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        binDir = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser) await Run("chown", $"postgres:postgres {dataDir}", false);
        var port = FreePort();
        await Run(Path.Combine(binDir, "initdb"), $"-D {dataDir}/data -U postgres --auth=trust -E UTF8 --no-sync --no-instructions", asPostgresUser);
        // Settings of a small real server (not the test cluster's fsync=off), so the figures mean something.
        var options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=16MB " +
                      "-c maintenance_work_mem=512MB -c max_wal_size=4GB -c synchronous_commit=off";
        await Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -l {dataDir}/server.log -o \"{options}\" -w -t 60 start", asPostgresUser);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (binDir.Length == 0) return;
        try { await Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -m immediate -w stop", asPostgresUser); }
        finally { try { Directory.Delete(dataDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { } }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, string arguments, bool asUser)
    {
        var start = asUser ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stdout} {await stderr}");
    }
}
