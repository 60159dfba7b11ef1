using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Keqing.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for a test run or a bench run: initdb in a temp folder, a free loopback port, fsync
/// off; run through <c>runuser -u postgres</c> as root (PostgreSQL refuses root). One file, linked into the test and
/// bench projects.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string dataDir;
    private readonly string binDir;
    private readonly bool asPostgresUser;

    private PostgresCluster(string dataDir, string binDir, bool asPostgresUser, int port)
    {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Include Error Detail=true;Command Timeout=600";

    /// <summary>The bin folder of the newest installed PostgreSQL, or null when none is installed.</summary>
    public static string? FindBinDir() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d).FirstOrDefault()
            : null;

    /// <summary>Starts a cluster; <paramref name="settings"/> adds server options (<c>-c name=value …</c>).</summary>
    public static async Task<PostgresCluster> StartAsync(string locale = "C.UTF-8", string settings = "")
    {
        var binDir = FindBinDir() ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        var asPostgresUser = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"keqing-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser) await Run("chown", $"postgres:postgres {dataDir}", asUser: false);
        var port = FreePort();
        await Run(Path.Combine(binDir, "initdb"),
            $"-D {dataDir}/data -U postgres --auth=trust -E UTF8 --locale={locale} --no-sync --no-instructions", asPostgresUser);
        var options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      $"-c full_page_writes=off {settings}";
        await Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -l {dataDir}/server.log -o \"{options}\" -w -t 60 start", asPostgresUser);
        return new PostgresCluster(dataDir, binDir, asPostgresUser, port);
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
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
