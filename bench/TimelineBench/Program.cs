using Keqing.Modules;
using System.Diagnostics;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers;
using Keqing.Modules.Identity;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Features;
using Keqing.Modules.Timeline;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TimelineBench;

// Timeline speed at size on PostgreSQL (issue 5): a customer's first and 100th timeline page, and "my day" for a rep
// with 5,000 customers. Options: --customers N (200000), --per-customer K (average interactions, 10), --pg "<conn>"
// (a running server instead of a throwaway cluster), --database <name> (measure an already loaded database again).
var customers = Option("--customers", 200_000);
var perCustomer = Option("--per-customer", 10);
const int RepCustomers = 5_000, HotEntries = 20_000, Runs = 30;

string adminConnection;
Keqing.Testing.PostgresCluster? server = null;
if (OptionText("--pg") is { } external) adminConnection = external;
else
{
    Console.WriteLine("Starting a throwaway PostgreSQL cluster …");
    server = await Keqing.Testing.PostgresCluster.StartAsync("C.UTF-8", "-c shared_buffers=512MB");
    adminConnection = server.ConnectionString("postgres");
}
await using var stopServer = server;
var reuse = OptionText("--database");
var database = reuse ?? $"keqing_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
if (reuse is null)
{
    await using var c = new NpgsqlConnection(adminConnection);
    await c.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {database}", c).ExecuteNonQueryAsync();
}
var connectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database, MaxPoolSize = 20 }.ConnectionString;

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Keqing:Database:Provider"] = DatabaseOptions.Postgres,
    ["ConnectionStrings:Keqing"] = connectionString,
    ["KEQING_ADMIN_PASSWORD"] = "Bench-admin-password-1",
}).Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging();
services.AddKeqingInfrastructure(configuration);
services.AddKeqingModules(configuration);
await using var provider = services.BuildServiceProvider();

var total = Stopwatch.StartNew();
if (reuse is null)
await using (var scope = provider.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<KeqingDb>().Database.MigrateAsync();
    var seeder = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
    await seeder.EnsureRolesAndAdmin(default);
    await seeder.Seed(default);
}
var (rep, manager) = await Users(provider);
if (reuse is null) Console.WriteLine($"Loading {customers:N0} customers (~{perCustomer} interactions each; {RepCustomers:N0} owned by rep1; one with {HotEntries:N0}) …");
var loader = new DataLoader(connectionString, customers, perCustomer, rep.Id, rep.TeamId!.Value, RepCustomers, HotEntries);
var hotCustomer = loader.HotCustomer;
if (reuse is null)
{
    await loader.LoadAsync();
    Console.WriteLine($"Loaded in {total.Elapsed.TotalSeconds:F0} s.\n");
}
else
{
    await using var c = new NpgsqlConnection(connectionString);
    await c.OpenAsync();
    hotCustomer = (Guid)(await new NpgsqlCommand(
        $"SELECT \"CustomerId\" FROM timeline_entries WHERE \"UserId\" = '{rep.Id}' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", c).ExecuteScalarAsync())!;
}

// Page 100's cursor: walk there once (every page timed too).
var walk = new List<double>();
string? cursor = null;
for (var page = 1; page < 100; page++)
{
    var sw = Stopwatch.StartNew();
    var result = await As(rep, sp => sp.GetRequiredService<GetTimeline>().Handle(hotCustomer, new GetTimeline.Filter(), 50, cursor, default));
    walk.Add(sw.Elapsed.TotalMilliseconds);
    cursor = result.Next ?? throw new InvalidOperationException("ran out of pages");
}
var page100 = cursor;

var results = new List<(string, Stats)>
{
    ("timeline page 1 (owner, 50 entries)", await Measure(() => As(rep, sp => sp.GetRequiredService<GetTimeline>().Handle(hotCustomer, new GetTimeline.Filter(), 50, null, default)))),
    ("timeline page 100 (owner, 50 entries)", await Measure(() => As(rep, sp => sp.GetRequiredService<GetTimeline>().Handle(hotCustomer, new GetTimeline.Filter(), 50, page100, default)))),
    ("timeline page 1 (team manager)", await Measure(() => As(manager, sp => sp.GetRequiredService<GetTimeline>().Handle(hotCustomer, new GetTimeline.Filter(), 50, null, default)))),
    ("timeline page 1, channel=visit", await Measure(() => As(rep, sp => sp.GetRequiredService<GetTimeline>().Handle(hotCustomer, new GetTimeline.Filter(Channel: "visit"), 50, null, default)))),
    ("my day (rep with 5,000 customers)", await Measure(() => As(rep, sp => sp.GetRequiredService<MyDay>().Handle(default)))),
};
var day = await As(rep, sp => sp.GetRequiredService<MyDay>().Handle(default));

Console.WriteLine($"PostgreSQL, {await Count("customers"):N0} customers, {await Count("timeline_interactions"):N0} interactions, {await Count("timeline_entries"):N0} timeline entries");
Console.WriteLine($"{"scenario",-42} {"median",8} {"p95",8} {"max",8}   (ms, {Runs} runs after 5 warm-up)");
foreach (var (name, s) in results) Console.WriteLine($"{name,-42} {s.Median,8:F2} {s.P95,8:F2} {s.Max,8:F2}");
walk.Sort();
Console.WriteLine($"{"walking pages 1→99 (each page once)",-42} {walk[walk.Count / 2],8:F2} {walk[(int)(walk.Count * 0.95)],8:F2} {walk[^1],8:F2}");
Console.WriteLine($"my day: {day.CustomersDueCount:N0} customers due, {day.Tasks.Count} tasks, {day.Commitments.Count} commitments");
return;

async Task<Stats> Measure(Func<Task> action)
{
    for (var i = 0; i < 5; i++) await action();
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return new Stats(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
}

async Task<T> As<T>(UserSummary user, Func<IServiceProvider, Task<T>> work)
{
    // One DI scope per call, as one API request: a fresh DbContext, the user's record-access scope looked up again.
    await using var scope = provider.CreateAsyncScope();
    var roles = user.Email.StartsWith("manager", StringComparison.Ordinal) ? Roles.SalesManager : Roles.SalesRep;
    scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal =
        new ClaimsPrincipal(new ClaimsIdentity(IdentityClaims.For(user.Id, user.DisplayName, user.Email, [roles]), "bench"));
    return await work(scope.ServiceProvider);
}

async Task<(UserSummary Rep, UserSummary Manager)> Users(IServiceProvider sp)
{
    await using var scope = sp.CreateAsyncScope();
    var all = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().Active(default);
    return (all.Single(u => u.Email == "rep1@keqing.local"), all.Single(u => u.Email == "manager.east@keqing.local"));
}

async Task<long> Count(string table)
{
    await using var c = new NpgsqlConnection(connectionString);
    await c.OpenAsync();
    return (long)(await new NpgsqlCommand($"SELECT count(*) FROM {table}", c).ExecuteScalarAsync())!;
}

int Option(string name, int fallback) => OptionText(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>Median, 95th percentile and maximum of one scenario's timings, in milliseconds.</summary>
internal sealed record Stats(double Median, double P95, double Max);
