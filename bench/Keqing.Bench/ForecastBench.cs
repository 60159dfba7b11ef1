using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Opportunities.Features;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// The forecast over many opportunities on PostgreSQL (issue 14): loads N opportunities (binary COPY) over 20 teams of
/// 10 users, then times <see cref="GetForecast"/> (a new DI scope per call, as a request) beside a hand-written SQL query
/// for the same answer in the same run, as an admin (everything), a manager (one team) and a rep (their own), and checks
/// that both give the same sums. Targets: handler p95 ≤ 200 ms and ≤ 1.2 × the hand-written query's p95.
/// </summary>
public static class ForecastBench
{
    private const string HandWritten =
        """
        SELECT "TeamId", "OwnerId",
               SUM(CASE WHEN "Status" = 'Open' THEN "AmountMinor" ELSE 0 END),
               SUM(CASE WHEN "Status" = 'Open' THEN "AmountMinor" * "Probability" ELSE 0 END),
               SUM(CASE WHEN "Status" = 'Open' AND "ForecastCategory" IN ('BestCase', 'Commit') THEN "AmountMinor" ELSE 0 END),
               SUM(CASE WHEN "Status" = 'Open' AND "ForecastCategory" = 'Commit' THEN "AmountMinor" ELSE 0 END),
               SUM(CASE WHEN "Status" = 'Won' THEN "AmountMinor" ELSE 0 END),
               COUNT(*) FILTER (WHERE "Status" = 'Open'), COUNT(*) FILTER (WHERE "Status" = 'Won')
        FROM opportunities
        WHERE "ArchivedAt" IS NULL AND "AmountCurrency" = 'CNY' {0}
          AND (("Status" = 'Open' AND "ExpectedCloseDate" >= @from AND "ExpectedCloseDate" < @to)
            OR ("Status" = 'Won' AND "ClosedAt" >= @wonFrom AND "ClosedAt" < @wonTo))
        GROUP BY "TeamId", "OwnerId"
        """;

    public static async Task<int> Run(string[] args)
    {
        var count = Arg(args, "--opportunities", 1_000_000);
        var runs = Arg(args, "--runs", 50);
        var warmup = Arg(args, "--warmup", 5);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results";
        var ct = CancellationToken.None;
        Console.WriteLine("Starting a throwaway PostgreSQL cluster ...");
        await using var cluster = await PostgresCluster.StartAsync("C.UTF-8", BenchSettings.Postgres);
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE keqing_bench", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var connectionString = cluster.ConnectionString("keqing_bench");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Keqing:Database:Provider"] = "postgres",
            ["ConnectionStrings:Keqing"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddLogging();
        services.AddLocalization();
        services.AddKeqingDatabase(configuration);
        services.AddScoped<CurrentUser>();
        services.AddKeqingModules(configuration);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await DatabaseMigrator.MigrateAsync(provider, ct);

        var staff = new Staff();
        var pipelineId = await SeedStaff(provider, staff, ct);
        var load = Stopwatch.StartNew();
        await Load(connectionString, staff, pipelineId, count, ct);
        Console.WriteLine($"  loaded {count:N0} opportunities in {load.Elapsed.TotalSeconds:N1} s");

        var period = ForecastPeriod.Parse("2026Q4")!;
        var who = new (string Name, Guid UserId, string Role, string Scope)[]
        {
            ("Admin (all teams)", staff.UserIds[0], Roles.Admin, ""),
            ("SalesManager (team 0)", staff.UserIds[0], Roles.SalesManager, $"AND (\"OwnerId\" = '{staff.UserIds[0]}' OR \"TeamId\" = '{staff.TeamIds[0]}')"),
            ("SalesRep (own)", staff.UserIds[Staff.Rep], Roles.SalesRep, $"AND \"OwnerId\" = '{staff.UserIds[Staff.Rep]}'"),
        };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### forecast, postgres, {count:N0} opportunities, period {period.Name} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; {runs} timed runs after {warmup} warm-up runs; handler = `GetForecast.Handle` in a new DI scope (scope, names, roll-up included)");
        report.AppendLine().AppendLine("| who | groups | handler p50 ms | handler p95 ms | hand-written SQL p50 ms | hand-written p95 ms | handler ÷ SQL p95 | target | result |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|---|---|");
        var plans = new StringBuilder();
        var pass = true;
        foreach (var (name, userId, role, scope) in who)
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Role, role)], "bench"));
            async Task<ForecastDto> Handler()
            {
                await using var s = provider.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
                return await s.ServiceProvider.GetRequiredService<GetForecast>().Handle(new ForecastRequest(period), ct);
            }
            var sql = HandWritten.Replace("{0}", scope, StringComparison.Ordinal);
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            async Task<(long Pipeline, long Won, int Groups)> Raw()
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                cmd.Parameters.AddWithValue("from", period.From);
                cmd.Parameters.AddWithValue("to", period.To);
                cmd.Parameters.AddWithValue("wonFrom", Shanghai(period.From));
                cmd.Parameters.AddWithValue("wonTo", Shanghai(period.To));
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                long pipeline = 0, won = 0;
                var groups = 0;
                while (await reader.ReadAsync(ct))
                {
                    pipeline += reader.GetInt64(2);
                    won += reader.GetInt64(6);
                    groups++;
                }
                return (pipeline, won, groups);
            }
            var (handlerTimes, answer) = await Time(Handler, runs, warmup);
            var (rawTimes, raw) = await Time(Raw, runs, warmup);
            if (answer.Total.Pipeline.MinorUnits != raw.Pipeline || answer.Total.ClosedWon.MinorUnits != raw.Won)
                throw new InvalidOperationException($"{name}: the handler and the hand-written query disagree ({answer.Total.Pipeline} vs {raw.Pipeline}).");
            var (hp50, hp95) = (P(handlerTimes, 50), P(handlerTimes, 95));
            var (rp50, rp95) = (P(rawTimes, 50), P(rawTimes, 95));
            var ok = hp95 <= 200 && hp95 <= 1.2 * rp95;
            pass &= ok;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {raw.Groups} | {hp50:N1} | {hp95:N1} | {rp50:N1} | {rp95:N1} | {hp95 / rp95:N2} | ≤ 200 ms and ≤ 1.2 × SQL | {(ok ? "pass" : "**MISSED TARGET**")} |");
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, conn);
            explain.Parameters.AddWithValue("from", period.From);
            explain.Parameters.AddWithValue("to", period.To);
            explain.Parameters.AddWithValue("wonFrom", Shanghai(period.From));
            explain.Parameters.AddWithValue("wonTo", Shanghai(period.To));
            plans.AppendLine(CultureInfo.InvariantCulture, $"#### {name}").AppendLine("```");
            await using (var reader = await explain.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) plans.AppendLine(reader.GetString(0));
            plans.AppendLine("```");
        }
        report.AppendLine().AppendLine(pass ? "All targets met." : "Targets missed: see the plans.");
        Directory.CreateDirectory(outDir);
        var stem = Path.Combine(outDir, $"forecast-postgres-{count}");
        await File.WriteAllTextAsync(stem + ".md", report.ToString(), ct);
        await File.WriteAllTextAsync(stem + "-plans.md", plans.ToString(), ct);
        Console.WriteLine(report);
        Console.WriteLine($"Written: {stem}.md and {stem}-plans.md");
        return pass ? 0 : 1;
    }

    private static DateTime Shanghai(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task<(List<double> Ms, T Last)> Time<T>(Func<Task<T>> call, int runs, int warmup)
    {
        T last = default!;
        for (var i = 0; i < warmup; i++) last = await call();
        var ms = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            last = await call();
            ms.Add(sw.Elapsed.TotalMilliseconds);
        }
        return (ms, last);
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task<Guid> SeedStaff(IServiceProvider provider, Staff staff, CancellationToken ct)
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
        var pipeline = new Pipeline { Name = "标准销售流程", IsDefault = true, CreatedAt = at, UpdatedAt = at };
        db.Add(pipeline);
        db.AddRange(DefaultPipeline.StandardStages.Select((s, i) => new Stage { Id = StageId(i), PipelineId = pipeline.Id, Name = s.Name, Order = i, Probability = s.Probability }));
        await db.SaveChangesAsync(ct);
        return pipeline.Id;
    }

    private static Guid StageId(int i) => new(i + 1, 7, 7, new byte[8]);

    /// <summary>
    /// Opportunities over four years (2024–2027) of expected close dates: 30 % open, 30 % won, 40 % lost, 2 % archived;
    /// amounts 1,000–2,000,000 yuan with fen; categories and probabilities by stage; owners over all 200 users.
    /// </summary>
    private static async Task Load(string connectionString, Staff staff, Guid pipelineId, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'opportunities' AND indexname <> 'PK_opportunities'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        await Exec(conn, "SET session_replication_role = replica", ct);
        var r = new Random(14);
        var start = new DateOnly(2024, 1, 1);
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY opportunities (\"Id\",\"CustomerId\",\"Name\",\"ExpectedCloseDate\",\"PipelineId\",\"StageId\",\"Probability\",\"ProbabilityOverridden\"," +
            "\"ForecastCategory\",\"OwnerId\",\"TeamId\",\"Competitors\",\"Status\",\"ClosedAt\",\"StageEnteredAt\",\"CreatedAt\",\"UpdatedAt\",\"ArchivedAt\"," +
            "\"Version\",\"AmountCurrency\",\"AmountMinor\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                var user = r.Next(staff.UserIds.Length);
                var close = start.AddDays(r.Next(4 * 365));
                var roll = r.Next(100);
                var status = roll < 30 ? "Open" : roll < 60 ? "Won" : "Lost";
                var stage = r.Next(4);
                var probability = status == "Won" ? 100 : status == "Lost" ? 0 : DefaultPipeline.StandardStages[stage].Probability;
                var category = status != "Open" ? "Closed" : stage == 3 ? "Commit" : stage == 2 ? "BestCase" : "Pipeline";
                DateTime? closedAt = status == "Open" ? null : close.ToDateTime(new TimeOnly(r.Next(24), r.Next(60)), DateTimeKind.Utc);
                await w.StartRowAsync(ct);
                await w.WriteAsync(Ids.Version7(created.AddSeconds(i * 120), r), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync($"商机{i}", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(close, NpgsqlDbType.Date, ct);
                await w.WriteAsync(pipelineId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(StageId(stage), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(probability, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(category, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(staff.UserIds[user], NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(staff.TeamOf(user), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await w.WriteAsync(status, NpgsqlDbType.Varchar, ct);
                if (closedAt is { } c) await w.WriteAsync(c, NpgsqlDbType.TimestampTz, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                if (r.Next(50) == 0) await w.WriteAsync(created, NpgsqlDbType.TimestampTz, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync("CNY", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.NextInt64(100_000, 200_000_000), NpgsqlDbType.Bigint, ct);
                if (i % 100_000 == 99_999) Console.Write($"\r  copied {i + 1:N0}   ");
            }
            await w.CompleteAsync(ct);
        }
        Console.WriteLine();
        foreach (var (_, definition) in indexes) await Exec(conn, definition, ct);
        await Exec(conn, "SET session_replication_role = DEFAULT", ct);
        await Exec(conn, "VACUUM (ANALYZE) opportunities", ct);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
