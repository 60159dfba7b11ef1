using System.Diagnostics;
using System.Globalization;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// What the audit hash chain costs (ADR 0010): saves per second with 1, 4 and 16 concurrent writers, each save one
// audited insert (chained: takes the chain-head lock) beside one un-audited insert (no lock), then the time
// `--verify-audit` takes over every row written. Options: --provider postgres|sqlite (postgres), --seconds N (5).
var provider = Option("--provider") ?? "postgres";
var seconds = int.Parse(Option("--seconds") ?? "5", CultureInfo.InvariantCulture);

Keqing.Testing.PostgresCluster? server = null;
string connectionString;
string? sqliteFile = null;
if (provider == "postgres")
{
    Console.WriteLine("Starting a throwaway PostgreSQL cluster …");
    server = await Keqing.Testing.PostgresCluster.StartAsync("C.UTF-8", "-c shared_buffers=256MB");
    await using (var c = new NpgsqlConnection(server.ConnectionString("postgres")))
    {
        await c.OpenAsync();
        await new NpgsqlCommand("CREATE DATABASE keqing_audit_bench", c).ExecuteNonQueryAsync();
    }
    connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString("keqing_audit_bench")) { MaxPoolSize = 40 }.ConnectionString;
}
else
{
    sqliteFile = Path.Combine(Path.GetTempPath(), $"keqing-audit-bench-{Guid.NewGuid():N}.db");
    connectionString = $"Data Source={sqliteFile};Default Timeout=30";
}
await using var stopServer = server;

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Keqing:Database:Provider"] = provider, ["ConnectionStrings:Keqing"] = connectionString,
}).Build();
var services = new ServiceCollection();
services.AddSingleton(TimeProvider.System);
services.AddHttpContextAccessor();
services.AddKeqingDatabase(configuration);
services.AddScoped<CurrentUser>();
await using var sp = services.BuildServiceProvider();
await DatabaseMigrator.MigrateAsync(sp, CancellationToken.None);

Console.WriteLine($"## Audit chain on {provider} ({Environment.ProcessorCount} cores), {seconds} s per series");
Console.WriteLine();
Console.WriteLine("| writers | audited saves/s (chained) | un-audited saves/s | audited p50 ms | audited p95 ms |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
foreach (var writers in new[] { 1, 4, 16 })
{
    var (audited, p50, p95) = await Measure(writers, audited: true);
    var (plain, _, _) = await Measure(writers, audited: false);
    Console.WriteLine($"| {writers} | {audited:N0} | {plain:N0} | {p50:F1} | {p95:F1} |");
}

await using (var scope = sp.CreateAsyncScope())
{
    var watch = Stopwatch.StartNew();
    var result = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<KeqingDb>(), CancellationToken.None);
    Console.WriteLine();
    Console.WriteLine($"--verify-audit: {result.RowsChecked:N0} rows in {watch.Elapsed.TotalSeconds:F2} s " +
                      $"({result.RowsChecked / watch.Elapsed.TotalSeconds:N0} rows/s), intact: {result.Intact}");
}
if (sqliteFile is not null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
}
return 0;

async Task<(double PerSecond, double P50, double P95)> Measure(int writers, bool audited)
{
    var latencies = new List<double>();
    var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
    await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        var mine = new List<double>();
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            if (audited) db.Set<Team>().Add(new Team { Name = "bench-" + Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow });
            else db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "bench", Xml = "<key/>" });
            await db.SaveChangesAsync();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        lock (latencies) latencies.AddRange(mine);
    })));
    latencies.Sort();
    return (latencies.Count / (double)seconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)]);
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
