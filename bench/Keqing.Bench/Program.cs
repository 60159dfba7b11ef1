using Keqing.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Keqing.Bench;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules;
using Keqing.Modules.Identity.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "import") return await ImportBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "web-form") return await WebFormBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "forecast") return await ForecastBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "board") return await BoardBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "prices") return await PricesBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "order-lines") return await OrderLinesBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "sell-through") return await SellThroughBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "sell-through-import") return await SellThroughImportBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "todo") return await TodoBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "kb-search") return await KbSearchBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "sla") return await SlaBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "nearby") return await NearbyBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "service-report") return await ServiceReportBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "pools-recycle") return await PoolsRecycleBench.Run(args[1..]);
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;

PostgresCluster? cluster = null;
string? sqliteFile = null;
try
{
    string connectionString;
    if (options.Provider == "postgres")
    {
        if (options.Connection is { } given) connectionString = given;
        else
        {
            Console.WriteLine($"Starting a throwaway PostgreSQL cluster (locale {options.PgLocale}) ...");
            cluster = await PostgresCluster.StartAsync(options.PgLocale, BenchSettings.Postgres);
            await using (var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres")))
            {
                await admin.OpenAsync(ct);
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE keqing_bench", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
            connectionString = cluster.ConnectionString("keqing_bench");
            Console.WriteLine($"  listening on 127.0.0.1:{cluster.Port}");
        }
    }
    else
    {
        sqliteFile = options.Connection is null ? Path.Combine(Path.GetTempPath(), $"keqing-bench-{Guid.NewGuid():N}.db") : null;
        connectionString = options.Connection ?? $"Data Source={sqliteFile}";
    }

    var capture = new CommandCapture();
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Keqing:Database:Provider"] = options.Provider,
        ["ConnectionStrings:Keqing"] = connectionString,
    }).Build();
    var services = new ServiceCollection();
    services.AddSingleton(TimeProvider.System);
    services.AddHttpContextAccessor();
    services.AddKeqingDatabase(configuration);
    services.AddScoped<CurrentUser>();
    // The modules as the app registers them (capabilities, record access, privacy masking, the list handler).
    services.AddKeqingModules(configuration);
    DedupExportBench.AddServices(services);
    if (options.Provider == "postgres") services.ConfigureDbContext<PostgresKeqingDb>((_, o) => o.AddInterceptors(capture));
    else services.ConfigureDbContext<SqliteKeqingDb>((_, o) => o.AddInterceptors(capture));
    await using var provider = services.BuildServiceProvider(validateScopes: true);

    Console.WriteLine("Applying the app's migrations ...");
    await DatabaseMigrator.MigrateAsync(provider, ct);

    var staff = new Staff();
    var generator = new CustomerGenerator(staff);
    var samples = new SampleCollector(options.Customers, staff);
    var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    LoadStats? load = null;
    if (options.SkipLoad)
    {
        Console.WriteLine("Skipping the load (--skip-load); re-deriving the samples from the generator ...");
        foreach (var g in generator.Generate(options.Customers, now)) samples.Observe(g);
    }
    else
    {
        await SeedStaff(provider, staff, ct);
        Console.WriteLine($"Loading {options.Customers:N0} customers ...");
        if (options.Provider == "postgres")
            load = await PostgresLoader.LoadAsync(connectionString, generator.Generate(options.Customers, now), 50_000, samples.Observe, ct);
        else
        {
            await using var scope = provider.CreateAsyncScope();
            var model = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            load = await SqliteLoader.LoadAsync(model, connectionString, generator.Generate(options.Customers, now), samples.Observe, ct);
        }
        await SeedShares(provider, staff, samples, ct);
        Console.WriteLine($"  {load.Customers:N0} customers + {load.Lookups:N0} lookups: insert {load.Insert.TotalSeconds:N1} s " +
                          $"({load.Customers / load.Insert.TotalSeconds:N0} customers/s), indexes {load.Indexes.TotalSeconds:N1} s, " +
                          $"analyze {load.Analyze.TotalSeconds:N1} s");
    }
    await Verify(provider, samples, ct);
    if (options.LoadOnly)
    {
        Console.WriteLine(cluster is null ? "Loaded (--load-only)." : "Loaded (--load-only); a throwaway cluster stops now — pass --connection to keep the data.");
        return 0;
    }

    if (options.Command == "dedup")
    {
        var dedup = await DedupExportBench.Run(provider, options, ct);
        Directory.CreateDirectory(options.Out);
        var file = Path.Combine(options.Out, $"dedup-{options.Provider}-{options.Customers}.md");
        await File.WriteAllTextAsync(file, dedup, ct);
        Console.WriteLine();
        Console.WriteLine(dedup);
        Console.WriteLine($"Written: {file}");
        return dedup.Contains("MISSED", StringComparison.Ordinal) ? 1 : 0;
    }

    var runner = new ScenarioRunner(provider, capture, options, connectionString);
    var results = await runner.RunAll(staff, samples, ct);
    var report = Report.Markdown(options, load, samples, results, await runner.Environment(ct));
    Directory.CreateDirectory(options.Out);
    var stem = Path.Combine(options.Out, $"{options.Provider}-{options.Customers}");
    await File.WriteAllTextAsync(stem + ".md", report, ct);
    await File.WriteAllTextAsync(stem + "-plans.md", runner.Plans.ToString(), ct);
    Console.WriteLine();
    Console.WriteLine(report);
    Console.WriteLine($"Written: {stem}.md and {stem}-plans.md");
    return results.All(r => r.Pass != false) ? 0 : 1;
}
finally
{
    if (cluster is not null)
    {
        Console.WriteLine("Stopping the PostgreSQL cluster ...");
        await cluster.DisposeAsync();
    }
    if (sqliteFile is not null && !options.Keep)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
    }
}

static async Task SeedStaff(IServiceProvider provider, Staff staff, CancellationToken ct)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
    var at = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    for (var t = 0; t < Staff.Teams; t++)
        db.Add(new Team { Id = staff.TeamIds[t], Name = $"销售{t + 1}组", ManagerId = staff.UserIds[t * Staff.UsersPerTeam], CreatedAt = at });
    for (var u = 0; u < staff.UserIds.Length; u++)
    {
        var email = $"user{u}@bench.keqing.local";
        db.Add(new User
        {
            Id = staff.UserIds[u], UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"员工{u}", TeamId = staff.TeamOf(u), CreatedAt = at,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        });
    }
    await db.SaveChangesAsync(ct);
}

static async Task SeedShares(IServiceProvider provider, Staff staff, SampleCollector samples, CancellationToken ct)
{
    // Some customers of other teams shared with the rep's team, and a few with the rep, so the share subquery has rows.
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
    var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    var i = 0;
    foreach (var id in samples.ShareCandidates)
        db.Add(new RecordShare
        {
            RecordType = Keqing.Infrastructure.Records.RecordTypes.KeyOf<Customer>(), RecordId = id, CanWrite = i % 3 == 0, CreatedAt = at,
            TeamId = i % 4 == 0 ? null : staff.TeamIds[0], UserId = i++ % 4 == 0 ? staff.UserIds[Staff.Rep] : null,
        });
    await db.SaveChangesAsync(ct);
    await db.Database.ExecuteSqlRawAsync("ANALYZE identity_record_shares", ct);
    await db.Database.ExecuteSqlRawAsync("ANALYZE identity_users", ct);
    await db.Database.ExecuteSqlRawAsync("ANALYZE identity_teams", ct);
}

static async Task Verify(IServiceProvider provider, SampleCollector samples, CancellationToken ct)
{
    // The bulk-loaded rows must read back through EF exactly as generated (types, JSON lists, instants, enums).
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
    var expected = samples.Organization ?? throw new InvalidOperationException("No sample organisation was generated.");
    var actual = await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == expected.Id, ct);
    var same = actual.Name == expected.Name && actual.Phones.SequenceEqual(expected.Phones) && actual.Emails.SequenceEqual(expected.Emails)
               && actual.Tags.SequenceEqual(expected.Tags) && actual.CreatedAt == expected.CreatedAt && actual.Kind == expected.Kind
               && actual.Grade == expected.Grade && actual.OwnerId == expected.OwnerId && actual.TeamId == expected.TeamId
               && actual.SearchName == expected.SearchName && actual.PinyinKeys == expected.PinyinKeys;
    var lookups = await db.Set<CustomerLookup>().AsNoTracking().CountAsync(l => l.CustomerId == expected.Id, ct);
    if (!same || lookups == 0) throw new InvalidOperationException($"Round trip of {expected.Id} differs: read {actual.Name} / {string.Join(",", actual.Phones)}.");
    Console.WriteLine($"Round trip through EF OK ({expected.Name}, {lookups} lookups).");
}

/// <summary>Server settings for loading and measuring a million rows.</summary>
internal static class BenchSettings
{
    /// <summary>The settings, then any of <c>KEQING_BENCH_PG_SETTINGS</c> (e.g. <c>-c log_min_duration_statement=0</c> to see where the server's time goes).</summary>
    public static readonly string Postgres = "-c shared_buffers=512MB -c maintenance_work_mem=1GB -c work_mem=32MB " +
                                   "-c max_wal_size=8GB -c checkpoint_timeout=30min -c effective_cache_size=8GB " +
                                   Environment.GetEnvironmentVariable("KEQING_BENCH_PG_SETTINGS");
}
