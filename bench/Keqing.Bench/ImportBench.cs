using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Bogus;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;
using Keqing.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keqing.Bench;

/// <summary>
/// <c>import --provider postgres|sqlite --rows N</c>: generates a realistic customer CSV (Bogus zh_CN, ~5 % invalid rows,
/// ~3 % duplicates of earlier rows), times PostgreSQL's own <c>COPY FROM STDIN</c> of it into a bare table, the full import
/// through the app's pipeline (upload into the database, validation, duplicate detection, upsert), and an import
/// interrupted at 50 % and resumed, each on a fresh database; reports ratios and the peak working set.
/// </summary>
public static class ImportBench
{
    private const string AdminPassword = "Bench-admin-password-1";
    // KEQING_BENCH_LEASE_SECONDS: a longer lease for a machine so loaded that a batch outlasts 10 s (the run then stops).
    private static readonly int LeaseSeconds =
        int.TryParse(Environment.GetEnvironmentVariable("KEQING_BENCH_LEASE_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;

    public static async Task<int> Run(string[] args)
    {
        var provider = Arg(args, "--provider") ?? "sqlite";
        var rows = int.Parse(Arg(args, "--rows") ?? (provider == "postgres" ? "1000000" : "100000"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("keqing-import-bench-").FullName;
        var csv = Path.Combine(folder, "customers.csv");
        PostgresCluster? cluster = null;
        try
        {
            Console.WriteLine($"Generating {rows:N0} rows ...");
            var sw = Stopwatch.StartNew();
            var (invalid, duplicates) = Generate(csv, rows);
            Console.WriteLine($"  {new FileInfo(csv).Length / 1e6:N1} MB, {invalid:N0} invalid, {duplicates:N0} duplicates of earlier rows ({sw.Elapsed.TotalSeconds:N1} s)");

            Func<string, Task<string>> database;
            if (provider == "postgres")
            {
                Console.WriteLine("Starting a throwaway PostgreSQL cluster ...");
                cluster = await PostgresCluster.StartAsync("C.UTF-8", BenchSettings.Postgres);
                database = async name =>
                {
                    await using var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres"));
                    await admin.OpenAsync();
                    await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
                    await create.ExecuteNonQueryAsync();
                    return cluster.ConnectionString(name);
                };
            }
            else database = name => Task.FromResult($"Data Source={Path.Combine(folder, name + ".db")}");

            double? copySeconds = null;
            var full = await database("import_full");
            if (provider == "postgres")
            {
                copySeconds = await CopyBaseline(full, csv);
                Console.WriteLine($"COPY FROM STDIN into a bare table: {copySeconds:N1} s");
            }

            // "Right after a 200,000-row import, autovacuum off" (issue 18): the searches, as soon as the job reports completion.
            var searchAfter = provider == "postgres" && args.Contains("--search-after");
            var searchesPassed = true;
            var (fullSeconds, fullResult) = await Import(provider, full, csv, interruptAtHalf: false,
                searchAfter ? async services => searchesPassed = await SearchesAfterImport.Run(services, csv) : null, autovacuumOff: searchAfter);
            Console.WriteLine($"Full import: {fullSeconds:N1} s — {Describe(fullResult)}");
            if (provider == "postgres")
            {
                var (all, pk) = await StorageFloor(full);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Storage floor, INSERT … SELECT of the bare rows into a table like customers: {all:N1} s with all its indexes ({all / copySeconds:N1}× COPY), {pk:N1} s with only its primary key ({pk / copySeconds:N1}× COPY)"));
            }
            if (args.Contains("--no-resume")) return searchesPassed && fullResult.Status == ImportStatus.Completed ? 0 : 1;
            var (resumedSeconds, resumedResult) = await Import(provider, await database("import_resumed"), csv, interruptAtHalf: true);
            Console.WriteLine($"Interrupted at 50 % and resumed: {resumedSeconds:N1} s — {Describe(resumedResult)}");
            var same = (fullResult.Inserted, fullResult.Merged, fullResult.Skipped, fullResult.Failed)
                       == (resumedResult.Inserted, resumedResult.Merged, resumedResult.Skipped, resumedResult.Failed);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;

            Console.WriteLine();
            Console.WriteLine($"| provider | rows | COPY (s) | import (s) | import / COPY | resumed (s) | resumed / full | same rows | peak working set (MB) |");
            Console.WriteLine($"|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {rows:N0} | {(copySeconds is { } c ? c.ToString("N1", CultureInfo.InvariantCulture) : "—")} | {fullSeconds:N1} | " +
                $"{(copySeconds is { } c2 ? (fullSeconds / c2).ToString("N2", CultureInfo.InvariantCulture) + "×" : "—")} | {resumedSeconds:N1} | " +
                $"{resumedSeconds / fullSeconds:N2}× | {(same ? "yes" : "NO")} | {peak:N0} |"));
            return same && fullResult.Status == ImportStatus.Completed ? 0 : 1;
        }
        finally
        {
            if (cluster is not null) await cluster.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Describe(ImportDto r) =>
        $"{r.Status}, {r.Total:N0} rows: {r.Inserted:N0} inserted, {r.Merged:N0} merged, {r.Skipped:N0} skipped, {r.Failed:N0} rejected";

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static (int Invalid, int Duplicates) Generate(string path, int rows)
    {
        Randomizer.Seed = new Random(2026);
        var faker = new Faker("zh_CN");
        var random = new Random(42);
        string[] industries = ["制造", "分销", "零售", "软件", "医疗", "教育", "物流", "餐饮", "建筑", "金融"];
        string[] suffixes = ["有限公司", "贸易有限公司", "科技有限公司", "股份有限公司", "实业有限公司", "商贸行"];
        string[] tags = ["经销商", "重点客户", "展会", "老客户", "华东", "潜在"];
        var phones = new List<string>(rows);
        int invalid = 0, duplicates = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.WriteLine("公司名称,联系人,电话,邮箱,省份,城市,行业,标签,地址"); // 电话: the company's number (手机 would be the contact's)
        for (var i = 0; i < rows; i++)
        {
            var city = faker.Address.City();
            var name = $"{city}{faker.Name.LastName()}{faker.Name.FirstName()}{suffixes[random.Next(suffixes.Length)]}{i:x}";
            var phone = $"1{random.Next(3, 9)}{random.Next(0, 1_000_000_000):D9}";
            var email = random.Next(3) == 0 ? "" : $"c{i:x}@{faker.Internet.DomainWord()}.cn";
            var roll = random.Next(100);
            if (roll < 5)
            {
                invalid++;
                if (roll < 2) phone = "12-34";
                else if (roll < 4) email = "not-an-email";
                else name = "";
            }
            else if (roll < 8 && phones.Count > 0)
            {
                duplicates++;
                phone = phones[random.Next(phones.Count)]; // the same phone as an earlier row: a duplicate within the file
            }
            phones.Add(phone);
            var tagList = string.Join(';', Enumerable.Range(0, random.Next(3)).Select(_ => tags[random.Next(tags.Length)]).Distinct());
            writer.WriteLine(Keqing.Infrastructure.Http.SpreadsheetCells.CsvLine([name, faker.Name.FullName(), phone, email, faker.Address.State(), city,
                industries[random.Next(industries.Length)], tagList, faker.Address.StreetAddress()], neutralise: false));
        }
        return (invalid, duplicates);
    }

    private static async Task<double> CopyBaseline(string connectionString, string csv)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand(
            "CREATE TABLE bare_customers (name text, contact text, phone text, email text, province text, city text, industry text, tags text, address text)", connection))
            await create.ExecuteNonQueryAsync();
        var sw = Stopwatch.StartNew();
        await using (var copy = await connection.BeginTextImportAsync("COPY bare_customers FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(csv, Encoding.UTF8))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer.AsMemory(0, read));
        }
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The floor under any import: the bare table's rows stored, as they are, into a table shaped like the archive's
    /// <c>customers</c> — once with all its indexes (<c>LIKE customers INCLUDING ALL</c>), once with only its primary key.
    /// No validation, no matching, no lookups, contacts or row outcomes; one set-based INSERT … SELECT each.
    /// </summary>
    private static async Task<(double AllIndexes, double PrimaryKeyOnly)> StorageFloor(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<double> Time(string table, string create)
        {
            await using (var command = new Npgsql.NpgsqlCommand(create, connection)) await command.ExecuteNonQueryAsync();
            var sw = Stopwatch.StartNew();
            await using var insert = new Npgsql.NpgsqlCommand($$"""
                INSERT INTO {{table}} ("Id", "Kind", "Name", "Aliases", "Industry", "Province", "City", "Address", "Phones", "Emails",
                    "Source", "OwnerId", "Tags", "CustomFields", "CreatedAt", "UpdatedAt", "Version", "SearchName", "PinyinKeys",
                    "LegalBasis", "DuplicateKey")
                SELECT gen_random_uuid(), 'Organization', left(coalesce(name, ''), 200), '{}', left(industry, 100), left(province, 50),
                    left(city, 50), left(address, 400), array_remove(ARRAY[phone], NULL), array_remove(ARRAY[email], NULL), 'floor',
                    gen_random_uuid(), coalesce(string_to_array(tags, ';'), '{}'), '{}', now(), now(), 1, coalesce(name, ''), coalesce(name, ''), 1,
                    left(coalesce(city, '') || coalesce(name, ''), 260)
                FROM bare_customers
                """, connection) { CommandTimeout = 0 };
            await insert.ExecuteNonQueryAsync();
            return sw.Elapsed.TotalSeconds;
        }
        var all = await Time("floor_all", "CREATE TABLE floor_all (LIKE customers INCLUDING ALL)");
        var pk = await Time("floor_pk", "CREATE TABLE floor_pk (LIKE customers INCLUDING DEFAULTS INCLUDING CONSTRAINTS); ALTER TABLE floor_pk ADD PRIMARY KEY (\"Id\")");
        return (all, pk);
    }

    /// <summary>One import into a fresh database through the app's services; with <paramref name="interruptAtHalf"/> the run
    /// is stopped at 50 % (its batch in flight rolled back, as a kill would) and resumed by a new claim after the lease.</summary>
    private static async Task<(double Seconds, ImportDto Result)> Import(string provider, string connectionString, string csv, bool interruptAtHalf,
        Func<IServiceProvider, Task>? afterImport = null, bool autovacuumOff = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Keqing:Database:Provider"] = provider;
        builder.Configuration["ConnectionStrings:Keqing"] = connectionString;
        builder.Configuration["KEQING_ADMIN_PASSWORD"] = AdminPassword;
        builder.Configuration["Keqing:Imports:Enabled"] = "false";
        // Long enough that the background renewal (every third of it) gets SQLite's write lock between batches on a busy
        // machine; with 1 s the leased-job heartbeat lost the lease and the run stopped. The resume waits it out, uncounted.
        builder.Configuration["Keqing:Imports:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("KEQING_BENCH_BATCH") is { Length: > 0 } batch) builder.Configuration["Keqing:Imports:BatchSize"] = batch;
        if (Environment.GetEnvironmentVariable("KEQING_BENCH_SQLITE_YIELD") is { Length: > 0 } yieldMs) builder.Configuration["Keqing:Imports:SqliteYieldMilliseconds"] = yieldMs;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKeqingInfrastructure(builder.Configuration);
        builder.Services.AddKeqingModules(builder.Configuration);
        if (afterImport is not null)
        {
            // The searches after the import print the plans of the statements the handler sent.
            var capture = new CommandCapture();
            builder.Services.AddSingleton(capture);
            builder.Services.ConfigureDbContext<PostgresKeqingDb>((_, o) => o.AddInterceptors(capture));
        }
        await using var app = builder.Build();
        await DatabaseMigrator.MigrateAsync(app.Services, default);
        await StartupSeeding.Run(app, seedDemo: false);
        if (autovacuumOff)
            await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var off = new Npgsql.NpgsqlCommand(
                    "ALTER TABLE customers SET (autovacuum_enabled = false); ALTER TABLE customers_lookups SET (autovacuum_enabled = false); " +
                    "ALTER TABLE customers_contacts SET (autovacuum_enabled = false)", connection);
                await off.ExecuteNonQueryAsync();
            }
        if (Environment.GetEnvironmentVariable("KEQING_BENCH_GIN") is { Length: > 0 } gin)
            await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
            {
                // An experiment's index settings, e.g. "fastupdate = off" or "gin_pending_list_limit = 256".
                await connection.OpenAsync();
                await using var set = new Npgsql.NpgsqlCommand(
                    $"ALTER INDEX \"IX_customers_SearchName_trgm\" SET ({gin}); ALTER INDEX \"IX_customers_PinyinKeys_trgm\" SET ({gin})", connection);
                await set.ExecuteNonQueryAsync();
                Console.WriteLine($"  trigram indexes: {gin}");
            }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var admin = (await users.FindByEmail("admin@keqing.local", default))!;
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            IdentityClaims.For(admin.Id, admin.DisplayName, admin.Email, await users.RolesOf(admin.Id, default)), "bench"));
        var importer = Importer.For(admin.Id, await users.RolesOf(admin.Id, default), app.Services.GetRequiredService<Keqing.Infrastructure.Modules.ModuleCatalog>());
        var create = scope.ServiceProvider.GetRequiredService<CreateImport>();
        var get = scope.ServiceProvider.GetRequiredService<GetImport>();
        var runner = app.Services.GetRequiredService<ImportRunner>();

        var sw = Stopwatch.StartNew();
        Guid id;
        await using (var file = File.OpenRead(csv))
            id = (await create.Handle(importer, file, "customers.csv", new ImportRequest("customers", null, "skip", "bench", "consent", DryRun: false), default)).Id;
        Console.WriteLine($"  upload stored in {sw.Elapsed.TotalSeconds:N1} s");
        var lastPrint = Stopwatch.StartNew();
        if (interruptAtHalf)
        {
            using var stop = new CancellationTokenSource();
            await runner.RunOne(id, stop.Token, p =>
            {
                if (p.Total > 0 && p.Processed >= p.Total / 2 && !stop.IsCancellationRequested)
                {
                    Console.WriteLine($"  stopping at {p.Processed:N0}/{p.Total:N0} ({sw.Elapsed.TotalSeconds:N1} s)");
                    stop.Cancel();
                }
            });
            var interrupted = sw.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 0.5)); // the lease runs out; not counted
            sw.Restart();
            if (!await runner.RunOne(id, default)) throw new InvalidOperationException("The interrupted import could not be claimed again.");
            return ((interrupted + sw.Elapsed).TotalSeconds, await get.Handle(importer, id, default));
        }
        // A user saving while the import runs: one audited save every 200 ms, its latency recorded.
        using var stopProbe = new CancellationTokenSource();
        var probe = Task.Run(() => ProbeWrites(app.Services, stopProbe.Token));
        await runner.RunOne(id, default, p =>
        {
            if (lastPrint.Elapsed < TimeSpan.FromSeconds(10)) return;
            lastPrint.Restart();
            Console.WriteLine($"  {p.Processed:N0}/{p.Total:N0} ({sw.Elapsed.TotalSeconds:N1} s)");
        });
        var seconds = sw.Elapsed.TotalSeconds;
        await stopProbe.CancelAsync();
        if (afterImport is not null) await afterImport(app.Services);
        var latencies = (await probe).Order().ToList();
        if (latencies.Count > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  a user's save during the import: {latencies.Count} saves, median {latencies[latencies.Count / 2]:N0} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:N0} ms, max {latencies[^1]:N0} ms, failed {failedProbes}"));
        return (seconds, await get.Handle(importer, id, default));
    }

    private static int failedProbes;

    private static async Task<List<double>> ProbeWrites(IServiceProvider services, CancellationToken ct)
    {
        var latencies = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(200, ct); } catch (OperationCanceledException) { break; }
            var sw = Stopwatch.StartNew();
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
                db.Add(new Keqing.Modules.Identity.Domain.Team { Name = $"probe {Guid.NewGuid():N}"[..30], CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(CancellationToken.None);
                latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failedProbes);
                Console.WriteLine($"  probe save failed after {sw.Elapsed.TotalSeconds:N1} s: {e.GetType().Name}: {e.Message}");
            }
        }
        return latencies;
    }
}
