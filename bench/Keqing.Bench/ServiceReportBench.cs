using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Service.Features;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// The service report on PostgreSQL (issue 16: a year of 5,000,000 cases, bar 500 ms): loads a year of cases (binary
/// COPY) spread over 50 agents in 5 teams and 20 categories, with their kept figures (<see cref="CaseMeasure"/>) and a
/// quarter answered surveys; builds the report's cells from them (<see cref="ServiceReportSummary.Rebuild"/>, what the
/// first report after the migration does; timed); then times the app's report (<see cref="ServiceReporting.Report"/>
/// as an admin, the whole year) by team, agent, category and month, in turns with hand-written SQL over the cells, and
/// after them the old hand-written SQL over the cases. Checks all three count the same cases; <c>--plans</c> prints the
/// plans of both statements grouped by team. <c>service-report --cases 200000 --runs 5</c>.
/// </summary>
public static class ServiceReportBench
{
    private static string CellsSql(string key) =>
        $"""
        SELECT {key} AS k, sum("Cases"), sum("Resolved"), sum("FirstResponseSum")::float8 / nullif(sum("FirstResponseCount"), 0),
               sum("ResolutionSum")::float8 / nullif(sum("ResolutionCount"), 0), sum("Breached"), sum("Reopened"), sum("Answers"),
               sum("CsatSum")::float8 / nullif(sum("CsatCount"), 0), sum("Promoters"), sum("Detractors")
        FROM service_report_cells WHERE "Day" >= 20260101 AND "Day" <= 20261231 GROUP BY 1;
        """;

    private static string CasesSql(string key) =>
        $"""
        SELECT {key} AS k, count(*), count(c."ResolvedAt"), avg(m."FirstResponseMinutes"),
               avg(m."ResolutionMinutes") FILTER (WHERE c."ResolvedAt" IS NOT NULL),
               count(*) FILTER (WHERE m."Breached"), count(*) FILTER (WHERE m."Reopens" > 0)
        FROM service_cases c LEFT JOIN service_case_measures m ON m."CaseId" = c."Id"
        WHERE c."CreatedAt" >= @from AND c."CreatedAt" < @to AND c."MergedIntoId" IS NULL GROUP BY 1;
        SELECT {key} AS k, count(*), avg(s."Csat"), count(*) FILTER (WHERE s."Nps" >= 9), count(*) FILTER (WHERE s."Nps" <= 6)
        FROM service_surveys s JOIN service_cases c ON c."Id" = s."CaseId"
        WHERE s."AnsweredAt" IS NOT NULL AND c."CreatedAt" >= @from AND c."CreatedAt" < @to AND c."MergedIntoId" IS NULL GROUP BY 1;
        """;

    private static readonly DateTime YearStart = new(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc); // 2026-01-01 00:00 in Shanghai

    public static async Task<int> Run(string[] args)
    {
        var cases = OpportunityDatabase.Arg(args, "--cases", 200_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 5);
        var ct = CancellationToken.None;
        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        await using var provider = await Services(connectionString, ct);
        var (admin, agents, teamOf, categories) = await Seed(provider, ct);

        var load = Stopwatch.StartNew();
        await Load(connectionString, cases, agents, teamOf, categories, ct);
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var analyze = new NpgsqlCommand("ANALYZE service_cases; ANALYZE service_case_measures; ANALYZE service_surveys;", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"  loaded {cases:N0} cases of 2026 in {load.Elapsed.TotalSeconds:N1} s");

        var rebuild = Stopwatch.StartNew();
        int cells;
        await using (var scope = provider.CreateAsyncScope()) cells = await scope.ServiceProvider.GetRequiredService<ServiceReportSummary>().Rebuild(ct);
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var analyze = new NpgsqlCommand("ANALYZE service_report_cells;", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        Console.WriteLine($"  built {cells:N0} report cells from the cases in {rebuild.Elapsed.TotalSeconds:N1} s");
        if (args.Contains("--plans"))
        {
            await Plan(connectionString, CellsSql("\"TeamId\"::text"), ct);
            await Plan(connectionString, CasesSql("c.\"TeamId\"::text").Split(';')[0], ct);
        }

        Console.WriteLine("| group by | groups | cases counted (app / SQL cells / SQL cases) | app p50 ms | app max ms | SQL cells p50 ms | SQL cells max ms | SQL cases p50 ms | bar 500 ms |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|---|");
        var pass = true;
        foreach (var (groupBy, cellKey, key) in new[]
                 {
                     ("team", "\"TeamId\"::text", "c.\"TeamId\"::text"), ("agent", "\"OwnerId\"::text", "c.\"OwnerId\"::text"),
                     ("category", "\"CategoryId\"::text", "c.\"CategoryId\"::text"),
                     ("month", "\"Day\" / 100", "to_char(c.\"CreatedAt\" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"),
                 })
        {
            var (appMs, report, sqlMs, sqlCases) = await OpportunityDatabase.TimeAlternately(
                async () =>
                {
                    await using var scope = provider.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
                        [new Claim(ClaimTypes.Role, Roles.Admin), new Claim(ClaimTypes.NameIdentifier, admin.ToString())], "bench"));
                    return await scope.ServiceProvider.GetRequiredService<ServiceReporting>()
                        .Report(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), groupBy, ct);
                },
                () => HandWritten(connectionString, CellsSql(cellKey), ct), runs, warmup: 1);
            var casesMs = new List<double>();
            long overCases = 0;
            for (var i = 0; i < Math.Min(runs, 3); i++)
            {
                var sw = Stopwatch.StartNew();
                overCases = await HandWritten(connectionString, CasesSql(key), ct);
                casesMs.Add(sw.Elapsed.TotalMilliseconds);
            }
            var ok = report.Total.Cases == sqlCases && sqlCases == overCases && OpportunityDatabase.P(appMs, 50) <= 500;
            pass &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {groupBy} | {report.Rows.Count} | {report.Total.Cases:N0} / {sqlCases:N0} / {overCases:N0} | {OpportunityDatabase.P(appMs, 50):N0} | {appMs.Max():N0} | {OpportunityDatabase.P(sqlMs, 50):N0} | {sqlMs.Max():N0} | {OpportunityDatabase.P(casesMs, 50):N0} | {(ok ? "pass" : "FAIL")} |"));
        }
        return pass ? 0 : 1;
    }

    /// <summary>Runs the statements, returns the cases counted by the first.</summary>
    private static async Task<long> HandWritten(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        Year(cmd);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long total = 0;
        while (await reader.ReadAsync(ct)) total += reader.GetInt64(1);
        while (await reader.NextResultAsync(ct)) while (await reader.ReadAsync(ct)) { }
        return total;
    }

    private static void Year(NpgsqlCommand cmd)
    {
        if (!cmd.CommandText.Contains("@from", StringComparison.Ordinal)) return;
        cmd.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, YearStart);
        cmd.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, YearStart.AddYears(1));
    }

    private static async Task Plan(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, conn);
        Year(cmd);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) Console.WriteLine("    " + reader.GetString(0));
        Console.WriteLine();
    }

    private static async Task<ServiceProvider> Services(string connectionString, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Keqing:Database:Provider"] = "postgres",
            ["ConnectionStrings:Keqing"] = connectionString,
            ["Keqing:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHttpContextAccessor();
        services.AddLogging();
        services.AddLocalization();
        services.AddKeqingDatabase(configuration);
        services.AddScoped<CurrentUser>();
        services.AddKeqingModules(configuration);
        var provider = services.BuildServiceProvider(validateScopes: true);
        await DatabaseMigrator.MigrateAsync(provider, ct);
        return provider;
    }

    /// <summary>An admin, 5 teams of 10 agents and 20 categories.</summary>
    private static async Task<(Guid Admin, Guid[] Agents, Dictionary<Guid, Guid> TeamOf, Guid[] Categories)> Seed(IServiceProvider provider, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        User Person(string email, string name, Guid? team) => new()
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, CreatedAt = at, SecurityStamp = Guid.NewGuid().ToString("N"), TeamId = team,
        };
        var admin = Person("admin@bench.keqing.local", "管理员", null);
        db.Add(admin);
        var teamOf = new Dictionary<Guid, Guid>();
        var agents = new List<Guid>();
        for (var t = 0; t < 5; t++)
        {
            var team = new Team { Name = $"客服{t + 1}组", CreatedAt = at };
            db.Add(team);
            for (var a = 0; a < 10; a++)
            {
                var agent = Person($"agent{t}{a}@bench.keqing.local", $"客服{t}{a}", team.Id);
                db.Add(agent);
                agents.Add(agent.Id);
                teamOf[agent.Id] = team.Id;
            }
        }
        var categories = Enumerable.Range(0, 20).Select(i => new CaseCategory { Name = $"类别{i:D2}", Order = i }).ToList();
        db.AddRange(categories);
        await db.SaveChangesAsync(ct);
        return (admin.Id, agents.ToArray(), teamOf, categories.Select(c => c.Id).ToArray());
    }

    /// <summary>
    /// <paramref name="count"/> cases spread evenly over 2026; nine in ten resolved (their figures kept), one in twenty
    /// breached, one in thirty reopened; a survey answered for one in four.
    /// </summary>
    private static async Task Load(string connectionString, int count, Guid[] agents, Dictionary<Guid, Guid> teamOf, Guid[] categories,
        CancellationToken ct)
    {
        var random = new Random(16);
        var ids = new Guid[count];
        var step = TimeSpan.FromDays(365).Ticks / count;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var writer = await conn.BeginBinaryImportAsync(
            """
            COPY service_cases ("Id", "Number", "Subject", "Type", "Priority", "CategoryId", "CustomerId", "OwnerId", "TeamId", "Channel",
                "Status", "FirstResponseAt", "ResolvedAt", "CreatedAt", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < count; i++)
            {
                var id = ids[i] = Guid.CreateVersion7();
                var created = YearStart.AddTicks(step * i);
                var owner = agents[i % agents.Length];
                var resolved = i % 10 != 0;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync($"CS-2026-{i:D7}", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync($"工单 {i}", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("Repair", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("Normal", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(categories[i % categories.Length], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(owner, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(teamOf[owner], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync("Phone", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(resolved ? "Resolved" : "Open", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(created.AddMinutes(30), NpgsqlDbType.TimestampTz, ct);
                if (resolved) await writer.WriteAsync(created.AddHours(20), NpgsqlDbType.TimestampTz, ct);
                else await writer.WriteNullAsync(ct);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using (var writer = await conn.BeginBinaryImportAsync(
            """COPY service_case_measures ("CaseId", "FirstResponseMinutes", "ResolutionMinutes", "Breached", "Reopens") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var i = 0; i < count; i++)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(random.Next(5, 240), NpgsqlDbType.Integer, ct);
                if (i % 10 != 0) await writer.WriteAsync(random.Next(60, 4000), NpgsqlDbType.Integer, ct);
                else await writer.WriteNullAsync(ct);
                await writer.WriteAsync(i % 20 == 0, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(i % 30 == 0 ? 1 : 0, NpgsqlDbType.Integer, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await using (var writer = await conn.BeginBinaryImportAsync(
            """
            COPY service_surveys ("Id", "CaseId", "ContactId", "Culture", "SentAt", "ExpiresAt", "AnsweredAt", "Csat", "Nps", "Version")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 1; i < count; i += 4)
            {
                if (i % 10 == 0) continue;
                var sent = YearStart.AddTicks(step * i).AddHours(20);
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync("zh-CN", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(sent, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(sent.AddDays(14), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(sent.AddHours(3), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(random.Next(1, 6), NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(random.Next(0, 11), NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            }
            await writer.CompleteAsync(ct);
        }
    }
}
