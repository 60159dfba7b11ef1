using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keqing.Bench;

/// <summary>
/// <c>sell-through-import --provider postgres|sqlite --distributors 2000 --products 500 --months 12</c> (issue 15: a
/// year of 进销存 for 2,000 distributors × 500 products, 12,000,000 rows, within 3× the storage floor, memory flat).
/// Generates the CSV (one row per distributor × product × month; 1 % that do not add up, stored flagged; one row in
/// 1,000 naming an unknown SKU, rejected), creates the distributors and products, and imports the file through the
/// app's own pipeline (<see cref="CreateImport"/> stores the upload, <see cref="ImportRunner"/> runs it as the worker
/// does), sampling the process's working set as the rows go in. Then the storage floor in the same database: the
/// stored rows copied by one <c>INSERT … SELECT</c> into a table with the same indexes. Prints both times, the ratio,
/// rows/s and the working set at every tenth of the rows.
/// CSV only: a 12,000,000-row file is far beyond what an .xlsx sheet holds (1,048,576 rows).
/// </summary>
public static class SellThroughImportBench
{
    private const string AdminPassword = "Bench-admin-password-1";
    private const string Header = "经销商名称,产品编码,月份,期初库存,进货,销售,期末库存";

    public static async Task<int> Run(string[] args)
    {
        var provider = Arg(args, "--provider") ?? "postgres";
        var distributors = int.Parse(Arg(args, "--distributors") ?? "2000", CultureInfo.InvariantCulture);
        var products = int.Parse(Arg(args, "--products") ?? "500", CultureInfo.InvariantCulture);
        var months = int.Parse(Arg(args, "--months") ?? "12", CultureInfo.InvariantCulture);
        var leaseSeconds = Arg(args, "--lease-seconds") ?? "60";
        var folder = Directory.CreateTempSubdirectory("keqing-sellthrough-bench-").FullName;
        var csv = Path.Combine(folder, "sell-through.csv");
        PostgresCluster? cluster = null;
        try
        {
            // Months up to the one before the current (a report of a month not yet begun is refused).
            var now = DateTime.UtcNow;
            var lastMonth = SellThroughMonth.Previous(SellThroughMonth.Of(now.Year, now.Month));
            var firstMonth = SellThroughMonth.Add(lastMonth, -(months - 1));
            var rows = (long)distributors * products * months;
            Console.WriteLine($"Generating {rows:N0} rows ({distributors:N0} distributors × {products:N0} products × {months} months from {SellThroughMonth.Format(firstMonth)}) ...");
            var sw = Stopwatch.StartNew();
            var (unbalanced, unknownSku) = Generate(csv, distributors, products, firstMonth, months);
            Console.WriteLine($"  {new FileInfo(csv).Length / 1e6:N1} MB, {unbalanced:N0} not adding up, {unknownSku:N0} with an unknown SKU ({sw.Elapsed.TotalSeconds:N1} s)");

            string connectionString;
            if (provider == "postgres")
            {
                Console.WriteLine("Starting a throwaway PostgreSQL cluster ...");
                cluster = await PostgresCluster.StartAsync("C.UTF-8", BenchSettings.Postgres);
                await using var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres"));
                await admin.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE sellthrough_bench", admin);
                await create.ExecuteNonQueryAsync();
                connectionString = cluster.ConnectionString("sellthrough_bench");
            }
            else connectionString = $"Data Source={Path.Combine(folder, "sellthrough.db")}";

            var builder = WebApplication.CreateBuilder();
            builder.Configuration["Keqing:Database:Provider"] = provider;
            builder.Configuration["ConnectionStrings:Keqing"] = connectionString;
            builder.Configuration["KEQING_ADMIN_PASSWORD"] = AdminPassword;
            builder.Configuration["Keqing:Imports:Enabled"] = "false"; // the bench runs the job itself, as the worker would
            builder.Configuration["Keqing:Imports:LeaseSeconds"] = leaseSeconds;
            builder.Configuration["Keqing:Imports:MaxUploadMegabytes"] = "4096";
            if (Arg(args, "--batch") is { } batch) builder.Configuration["Keqing:Imports:BatchSize"] = batch;
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddKeqingInfrastructure(builder.Configuration);
            builder.Services.AddKeqingModules(builder.Configuration);
            await using var app = builder.Build();
            await DatabaseMigrator.MigrateAsync(app.Services, default);
            await StartupSeeding.Run(app, seedDemo: false);

            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
            var adminUser = (await users.FindByEmail("admin@keqing.local", default))!;
            var roles = await users.RolesOf(adminUser.Id, default);
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
                IdentityClaims.For(adminUser.Id, adminUser.DisplayName, adminUser.Email, roles), "bench"));
            sw.Restart();
            await Seed(app.Services, adminUser.Id, distributors, products);
            Console.WriteLine($"  {distributors:N0} distributors and {products:N0} products created ({sw.Elapsed.TotalSeconds:N1} s)");

            var importer = Importer.For(adminUser.Id, roles, app.Services.GetRequiredService<Keqing.Infrastructure.Modules.ModuleCatalog>());
            var create2 = scope.ServiceProvider.GetRequiredService<CreateImport>();
            var get = scope.ServiceProvider.GetRequiredService<GetImport>();
            var runner = app.Services.GetRequiredService<ImportRunner>();

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            Console.WriteLine($"Importing through the app's pipeline (working set before: {before / 1e6:N0} MB) ...");
            sw.Restart();
            Guid id;
            await using (var file = File.OpenRead(csv))
                id = (await create2.Handle(importer, file, "sell-through.csv",
                    new ImportRequest(ImportEntities.SellThrough, null, "skip", "bench", "none", DryRun: false), default)).Id;
            var upload = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"  upload stored in {upload:N1} s");

            // The working set sampled every 200 ms (its peak) and at every tenth of the rows (its course).
            long peak = 0;
            using var stopSampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var self = Process.GetCurrentProcess();
                while (!stopSampling.IsCancellationRequested)
                {
                    self.Refresh();
                    peak = Math.Max(peak, self.WorkingSet64);
                    try { await Task.Delay(200, stopSampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var course = new List<(long Processed, double Seconds, double WorkingSetMb, double ManagedMb)>();
            var nextTenth = 1;
            await runner.RunOne(id, default, p =>
            {
                if (p.Total <= 0 || p.Processed < p.Total * nextTenth / 10) return;
                while (nextTenth <= 10 && p.Processed >= p.Total * nextTenth / 10) nextTenth++;
                process.Refresh();
                course.Add((p.Processed, sw.Elapsed.TotalSeconds, process.WorkingSet64 / 1e6, GC.GetTotalMemory(false) / 1e6));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {p.Processed:N0}/{p.Total:N0} ({sw.Elapsed.TotalSeconds:N1} s), working set {process.WorkingSet64 / 1e6:N0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB"));
            });
            var importSeconds = sw.Elapsed.TotalSeconds;
            await stopSampling.CancelAsync();
            await sampler;
            var result = await get.Handle(importer, id, default);
            Console.WriteLine($"Import: {importSeconds:N1} s (upload {upload:N1} s, run {importSeconds - upload:N1} s) — {result.Status}, " +
                              $"{result.Total:N0} rows: {result.Inserted:N0} inserted, {result.Merged:N0} replaced, {result.Failed:N0} rejected");

            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var stored = await db.Set<SellThroughRow>().LongCountAsync();
            var flagged = await db.Set<SellThroughRow>().LongCountAsync(r => !r.Balanced);
            var expectedStored = rows - unknownSku;
            var correct = result.Status == ImportStatus.Completed && stored == expectedStored && flagged == unbalanced
                          && result.Inserted == expectedStored && result.Failed == unknownSku;
            Console.WriteLine($"  stored {stored:N0} rows (expected {expectedStored:N0}), {flagged:N0} flagged (expected {unbalanced:N0}): {(correct ? "OK" : "WRONG")}");

            Console.WriteLine("Storage floor: the stored rows copied by one INSERT … SELECT into a table with the same indexes ...");
            var floor = await StorageFloor(db, provider);
            var ratio = importSeconds / floor;
            Console.WriteLine();
            Console.WriteLine("| provider | rows | import (s) | of which upload (s) | rows/s | floor (s) | import / floor | peak working set (MB) |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {rows:N0} | {importSeconds:N1} | {upload:N1} | {rows / importSeconds:N0} | {floor:N1} | {ratio:N2}× | {peak / 1e6:N0} |"));
            Console.WriteLine();
            Console.WriteLine("| rows done | at (s) | working set (MB) | managed heap (MB) |");
            Console.WriteLine("|--:|--:|--:|--:|");
            foreach (var (processed, seconds, ws, managed) in course)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {processed:N0} | {seconds:N1} | {ws:N0} | {managed:N0} |"));
            return correct ? 0 : 1;
        }
        finally
        {
            if (cluster is not null) await cluster.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string DistributorName(int d) => $"华东{d:D5}医药有限公司";

    public static string Sku(int p) => $"SKU-{p:D6}";

    /// <summary>Month by month, each distributor's report of every product (deterministic for the sizes).</summary>
    private static (long Unbalanced, long UnknownSku) Generate(string path, int distributors, int products, int firstMonth, int months)
    {
        var random = new Random(15);
        long unbalanced = 0, unknownSku = 0, row = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        writer.WriteLine(Header);
        var line = new StringBuilder(96);
        for (var m = 0; m < months; m++)
        {
            var month = SellThroughMonth.Format(SellThroughMonth.Add(firstMonth, m));
            for (var d = 0; d < distributors; d++)
            {
                var name = DistributorName(d);
                for (var p = 0; p < products; p++)
                {
                    row++;
                    var opening = random.Next(0, 500);
                    var purchases = random.Next(0, 300);
                    var sales = random.Next(0, opening + purchases + 1);
                    long close = opening + purchases - sales;
                    var sku = Sku(p);
                    if (row % 1000 == 0) { sku = "NO-SUCH-" + p; unknownSku++; } // rejected
                    else if (random.Next(100) == 0) { close += 1 + random.Next(5); unbalanced++; } // stored, flagged
                    line.Clear().Append(name).Append(',').Append(sku).Append(',').Append(month).Append(',')
                        .Append(opening).Append(',').Append(purchases).Append(',').Append(sales).Append(',').Append(close);
                    writer.WriteLine(line);
                }
            }
        }
        return (unbalanced, unknownSku);
    }

    private static async Task Seed(IServiceProvider services, Guid ownerId, int distributors, int products)
    {
        var at = DateTime.UtcNow;
        for (var start = 0; start < distributors; start += 1000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            for (var d = start; d < Math.Min(distributors, start + 1000); d++)
            {
                var customer = new Customer
                {
                    Kind = CustomerKind.Organization, Name = DistributorName(d), Industry = "医药", Province = "上海", City = "上海",
                    Source = "bench", OwnerId = ownerId, CreatedAt = at, UpdatedAt = at,
                };
                CustomerSearch.Index(customer);
                db.Add(customer);
            }
            await db.SaveChangesAsync();
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            for (var p = 0; p < products; p++)
                db.Add(new Product { Sku = Sku(p), Name = $"试剂盒 {p}", Unit = "盒", ListPrice = Money.Of(100m), Cost = Money.Of(40m), CreatedAt = at, UpdatedAt = at });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// The floor under the import: the rows it stored, copied as they are by one set-based <c>INSERT … SELECT</c> into a
    /// new table with the same columns and indexes (PostgreSQL <c>LIKE … INCLUDING ALL</c>; SQLite the same DDL renamed).
    /// No parsing, no lookups, no row outcomes, no conflict handling.
    /// </summary>
    private static async Task<double> StorageFloor(KeqingDb db, string provider)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        if (provider == "postgres")
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE floor_rows (LIKE sellthrough_rows INCLUDING ALL)");
        else
        {
            var ddl = await db.Database.SqlQueryRaw<string>(
                "SELECT sql AS \"Value\" FROM sqlite_master WHERE tbl_name = 'sellthrough_rows' AND sql IS NOT NULL ORDER BY type DESC").ToListAsync();
            foreach (var statement in ddl) await db.Database.ExecuteSqlRawAsync(statement.Replace("sellthrough_rows", "floor_rows", StringComparison.Ordinal));
        }
        var sw = Stopwatch.StartNew();
        if (provider == "postgres") await db.Database.ExecuteSqlRawAsync("INSERT INTO floor_rows SELECT * FROM sellthrough_rows");
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO floor_rows SELECT * FROM sellthrough_rows");
            await transaction.CommitAsync();
        }
        return sw.Elapsed.TotalSeconds;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
