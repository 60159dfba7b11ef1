using System.Diagnostics;
using System.Globalization;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Features;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Sla.Features;
using Keqing.Modules.Sla.Jobs;
using Keqing.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// The SLA scan on PostgreSQL (issue 16: 1,000,000 open clocks, bar 2 s): loads open clocks (binary COPY, their
/// alarm instants computed by the app's own <see cref="RecordClock.Set"/>) of which a few cross their warning point
/// between two scans and the rest are quiet for days, then, turn by turn with the clock moved on, times the app's
/// scan (<see cref="SlaScanJob.RunDueAsync"/>: find, warn the owners, stamp, commit) beside hand-written SQL finding
/// the same due clocks on the filtered index, beside hand-written SQL finding and marking them in one statement (rolled
/// back), and beside the hand-written filter over every open clock without the
/// precomputed <c>NextAlarmAt</c> (what the index saves). Checks the app sent one alarm per due clock.
/// </summary>
public static class SlaBench
{
    private const string DueSql =
        """
        SELECT "Id", "OwnerId", "PolicyId", "FirstResponseDueAt", "ResolutionDueAt" FROM sla_clocks
        WHERE "NextAlarmAt" IS NOT NULL AND "NextAlarmAt" <= @now ORDER BY "NextAlarmAt"
        """;

    // The same clocks found from the alarm columns themselves, as without NextAlarmAt and its index.
    private const string FilterSql =
        """
        SELECT count(*) FROM sla_clocks WHERE "StoppedAt" IS NULL AND "PausedAt" IS NULL AND (
            ("FirstRespondedAt" IS NULL AND "FirstResponseBreachedAt" IS NULL
                AND (("FirstResponseWarnedAt" IS NULL AND "FirstResponseWarnAt" <= @now) OR "FirstResponseDueAt" <= @now))
         OR ("ResolutionBreachedAt" IS NULL
                AND (("ResolutionWarnedAt" IS NULL AND "ResolutionWarnAt" <= @now) OR "ResolutionDueAt" <= @now)))
        """;

    // The whole mark by hand: lock the due clocks, stamp each pending target's warning or breach once, move the next alarm
    // on (LEAST skips nulls), return whom to tell. Run inside a transaction that is rolled back, so the app's scan after
    // it still finds the same clocks due.
    private const string MarkSql =
        """
        WITH due AS (
            SELECT "Id" FROM sla_clocks WHERE "NextAlarmAt" IS NOT NULL AND "NextAlarmAt" <= @now
            ORDER BY "NextAlarmAt" FOR UPDATE SKIP LOCKED)
        UPDATE sla_clocks AS c SET
            "FirstResponseBreachedAt" = CASE WHEN c."FirstResponseBreachedAt" IS NULL AND c."FirstResponseDueAt" <= @now THEN @now ELSE c."FirstResponseBreachedAt" END,
            "FirstResponseWarnedAt" = CASE WHEN c."FirstResponseWarnedAt" IS NULL AND c."FirstResponseWarnAt" <= @now THEN @now ELSE c."FirstResponseWarnedAt" END,
            "ResolutionBreachedAt" = CASE WHEN c."ResolutionBreachedAt" IS NULL AND c."ResolutionDueAt" <= @now THEN @now ELSE c."ResolutionBreachedAt" END,
            "ResolutionWarnedAt" = CASE WHEN c."ResolutionWarnedAt" IS NULL AND c."ResolutionWarnAt" <= @now THEN @now ELSE c."ResolutionWarnedAt" END,
            "NextAlarmAt" = LEAST(
                CASE WHEN c."FirstResponseWarnedAt" IS NULL AND c."FirstResponseBreachedAt" IS NULL AND c."FirstResponseWarnAt" > @now THEN c."FirstResponseWarnAt" END,
                CASE WHEN c."FirstResponseBreachedAt" IS NULL AND c."FirstResponseDueAt" > @now THEN c."FirstResponseDueAt" END,
                CASE WHEN c."ResolutionWarnedAt" IS NULL AND c."ResolutionBreachedAt" IS NULL AND c."ResolutionWarnAt" > @now THEN c."ResolutionWarnAt" END,
                CASE WHEN c."ResolutionBreachedAt" IS NULL AND c."ResolutionDueAt" > @now THEN c."ResolutionDueAt" END)
        FROM due WHERE c."Id" = due."Id"
        RETURNING c."Id", c."OwnerId", c."PolicyId"
        """;

    public static async Task<int> Run(string[] args)
    {
        var clocks = OpportunityDatabase.Arg(args, "--clocks", 1_000_000);
        var perScan = OpportunityDatabase.Arg(args, "--due", 1_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 5);
        var ct = CancellationToken.None;
        var start = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var time = new SettableClock(start);

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        await using var provider = await Services(connectionString, time, ct);
        var (owners, policy, calendarId, calendar) = await Seed(provider, ct);

        var load = Stopwatch.StartNew();
        var step = TimeSpan.FromMinutes(1);
        await Load(connectionString, clocks, perScan * runs, step / perScan, start, owners, policy, calendarId, calendar, ct);
        Console.WriteLine($"  loaded {clocks:N0} open clocks in {load.Elapsed.TotalSeconds:N1} s");
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var analyze = new NpgsqlCommand("ANALYZE sla_clocks", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }

        var job = provider.GetRequiredService<SlaScanJob>();
        // A warm-up scan at the start (nothing due yet) for the JIT and the connection pool.
        await job.RunDueAsync(ct);
        Console.WriteLine($"| scan | open clocks | due | app scan ms (find, stamp, breaches, notify, commit) | SQL find on the index ms | SQL find + mark by hand ms (rolled back) | SQL filter without the index ms | alarms sent | bar 2000 ms |");
        Console.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var pass = true;
        for (var run = 1; run <= runs; run++)
        {
            time.Now = start + step * run;
            var at = RecordClock.Stored(time.Now);
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            var sql = Stopwatch.StartNew();
            var due = 0;
            await using (var cmd = new NpgsqlCommand(DueSql, conn))
            {
                cmd.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, at);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) due++;
            }
            var sqlMs = sql.Elapsed.TotalMilliseconds;
            var filter = Stopwatch.StartNew();
            long filtered;
            await using (var cmd = new NpgsqlCommand(FilterSql, conn))
            {
                cmd.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, at);
                filtered = (long)(await cmd.ExecuteScalarAsync(ct))!;
            }
            var filterMs = filter.Elapsed.TotalMilliseconds;
            var mark = Stopwatch.StartNew();
            var marked = 0;
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using (var cmd = new NpgsqlCommand(MarkSql, conn, tx))
                {
                    cmd.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, at);
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct)) marked++;
                }
                await tx.RollbackAsync(ct);
            }
            var markMs = mark.Elapsed.TotalMilliseconds;
            var app = Stopwatch.StartNew();
            var sent = await job.RunDueAsync(ct);
            var appMs = app.Elapsed.TotalMilliseconds;
            var ok = appMs <= 2000 && sent == due && filtered == due && marked == due;
            pass &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {clocks:N0} | {due:N0} | {appMs:N0} | {sqlMs:N1} | {markMs:N1} | {filterMs:N0} | {sent:N0} | {(ok ? "pass" : "FAIL")} |"));
        }
        return pass ? 0 : 1;
    }

    private static async Task<ServiceProvider> Services(string connectionString, TimeProvider time, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Keqing:Database:Provider"] = "postgres",
            ["ConnectionStrings:Keqing"] = connectionString,
            ["Keqing:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
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

    /// <summary>A team of 50 agents under a manager, a 7×24 calendar and one policy (first response 1 h, resolution 7 days).</summary>
    private static async Task<(Guid[] Owners, SlaPolicyDto Policy, Guid CalendarId, BusinessCalendar Calendar)> Seed(IServiceProvider provider, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        User Person(string email, string name, Guid? team) => new()
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, CreatedAt = at, SecurityStamp = Guid.NewGuid().ToString("N"), TeamId = team,
        };
        var manager = Person("manager@bench.keqing.local", "服务经理", null);
        var team = new Team { Name = "客服一组", ManagerId = manager.Id, CreatedAt = at };
        manager.TeamId = team.Id;
        var agents = Enumerable.Range(0, 50).Select(i => Person($"agent{i:D2}@bench.keqing.local", $"客服{i:D2}", team.Id)).ToList();
        db.Add(team);
        db.Add(manager);
        db.AddRange(agents);
        await db.SaveChangesAsync(ct);
        var store = scope.ServiceProvider.GetRequiredService<CompanyCalendarStore>();
        var calendar = await store.Create(new CalendarInput("7×24", "Asia/Shanghai",
            Enum.GetValues<DayOfWeek>().Select(d => new WeekdayHoursDto(d, TimeOnly.MinValue, TimeOnly.MinValue)).ToList(), [], []), ct);
        var policy = await scope.ServiceProvider.GetRequiredService<SlaPolicies>().Create(
            new SlaPolicyInput("全部工单", "service.case", FirstResponseMinutes: 60, ResolutionMinutes: 7 * 24 * 60, CalendarId: calendar.Id), ct);
        return (agents.Select(a => a.Id).ToArray(), policy, calendar.Id, (await store.Find(calendar.Id, ct))!);
    }

    /// <summary>
    /// The first <paramref name="crossing"/> clocks wait for a first response and reach 80 % of it one every
    /// <paramref name="spacing"/> after <paramref name="start"/>; the others were answered and started in the last five
    /// days, so their next alarm (the resolution's 80 %) is more than half a day away.
    /// </summary>
    private static async Task Load(string connectionString, int clocks, int crossing, TimeSpan spacing, DateTimeOffset start, Guid[] owners,
        SlaPolicyDto policy, Guid calendarId, BusinessCalendar calendar, CancellationToken ct)
    {
        var targets = new SlaTargets(TimeSpan.FromMinutes(policy.FirstResponseMinutes!.Value), TimeSpan.FromMinutes(policy.ResolutionMinutes));
        var random = new Random(16);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var writer = await conn.BeginBinaryImportAsync(
            """
            COPY sla_clocks ("Id", "RecordType", "RecordId", "Title", "Link", "OwnerId", "TeamId", "Priority", "Type", "Grade", "PolicyId",
                "CalendarId", "StartedAt", "FirstResponseMinutes", "ResolutionMinutes", "WarningPercent", "PausedBusinessTicks", "PausedAt",
                "FirstRespondedAt", "FirstResponseElapsedTicks", "StoppedAt", "Resolved", "FirstResponseWarnAt", "FirstResponseDueAt",
                "ResolutionWarnAt", "ResolutionDueAt", "FirstResponseWarnedAt", "FirstResponseBreachedAt", "ResolutionWarnedAt",
                "ResolutionBreachedAt", "NextAlarmAt", "Version") FROM STDIN (FORMAT BINARY)
            """, ct);
        for (var i = 0; i < clocks; i++)
        {
            SlaClock value;
            if (i < crossing)
                value = SlaClock.Start(start + spacing * (i + 1) - TimeSpan.FromMinutes(48), targets);
            else
            {
                var startedAt = start - TimeSpan.FromMinutes(random.Next(5 * 24 * 60));
                value = SlaClock.Start(startedAt, targets).RespondFirst(calendar, startedAt + TimeSpan.FromMinutes(random.Next(1, 50)));
            }
            var id = Guid.CreateVersion7();
            var row = new RecordClock { Id = id, RecordType = "service.case", RecordId = Guid.CreateVersion7(), PolicyId = policy.Id, CalendarId = calendarId };
            row.Set(value, calendar);
            var owner = owners[i % owners.Length];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync("service.case", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.RecordId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync($"工单 {i:D7}", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync($"/cases/{row.RecordId}", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(owner, NpgsqlDbType.Uuid, ct);
            await writer.WriteNullAsync(ct);
            await writer.WriteAsync(i % 10 == 0 ? "urgent" : "normal", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync("repair", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync("B", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(policy.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(calendarId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.StartedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNull(writer, row.FirstResponseMinutes, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.ResolutionMinutes, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.WarningPercent, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.PausedBusinessTicks, NpgsqlDbType.Bigint, ct);
            await WriteOrNull(writer, row.PausedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNull(writer, row.FirstRespondedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNull(writer, row.FirstResponseElapsedTicks, NpgsqlDbType.Bigint, ct);
            await WriteOrNull(writer, row.StoppedAt, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(row.Resolved, NpgsqlDbType.Boolean, ct);
            foreach (var instant in new[] { row.FirstResponseWarnAt, row.FirstResponseDueAt, row.ResolutionWarnAt, row.ResolutionDueAt,
                         row.FirstResponseWarnedAt, row.FirstResponseBreachedAt, row.ResolutionWarnedAt, row.ResolutionBreachedAt, row.NextAlarmAt })
                await WriteOrNull(writer, instant, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteOrNull<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v) await writer.WriteAsync(v, type, ct);
        else await writer.WriteNullAsync(ct);
    }

    /// <summary>The app's clock, moved on by the bench between scans.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
