using System.Diagnostics;
using System.Globalization;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Pools.Features;
using Keqing.Modules.Pools.Jobs;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Bench;

/// <summary>
/// The pool recycle job on PostgreSQL (issue 17: 1,000,000 customers, bar 5 s): 100 reps of one team in one pool
/// whose grade-A rule recycles after 30 days without a follow-up (notice 3 days). Customers are copied from one
/// template row by <c>generate_series</c>: <c>--due</c> of them untouched for 60 days (recycled), as many due in
/// 1.5 days (warned), the rest as old but followed up in the last 20 days (they stay: the follow-up check runs on
/// every one). Times a hand-written set-based move of the same customers (one statement, rolled back) beside the
/// app's run (<see cref="PoolRecycleJob.RunDueAsync"/>: mark, history, owners, timeline, due sets, warnings, commit;
/// warm, after a run over <see cref="WarmUpCustomers"/> loaded first, unless <c>--cold</c>),
/// checks both moved the same number and the app wrote one timeline entry per move, then times the app's second run,
/// which must move nothing. Both read the due set from the index over <c>pools_customers</c> (<c>FollowUpFrom</c>); the
/// one-off backfill of those rows (what the first run after an upgrade does) is timed apart, before both.
/// </summary>
public static class PoolsRecycleBench
{
    /// <summary>Customers of the warm-up run, before the million are loaded: a quarter due, a quarter warned.</summary>
    private const int WarmUpCustomers = 40;

    private const string HandWrittenMove =
        """
        WITH due AS (
            SELECT c."Id" FROM pools_customers s JOIN customers c ON c."Id" = s."CustomerId"
            WHERE s."PoolId" IS NULL AND s."LockedAt" IS NULL AND (s."FollowUpFrom" IS NULL OR s."FollowUpFrom" <= @cutoff)
              AND c."ArchivedAt" IS NULL AND c."OwnerId" <> @empty AND c."Grade" = 'A' AND c."TeamId" = @team
              AND COALESCE(s."OwnedSince", c."CreatedAt") <= @cutoff
              AND NOT EXISTS (SELECT 1 FROM timeline_interactions i WHERE i."CustomerId" = c."Id" AND i."OccurredAt" > @cutoff)
              AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE o."CustomerId" = c."Id" AND o."Status" IN ('Open', 'Won') AND o."ArchivedAt" IS NULL)
        ), moved AS (
            UPDATE customers c SET "OwnerId" = @empty, "TeamId" = NULL, "Version" = c."Version" + 1 FROM due WHERE c."Id" = due."Id" RETURNING c."Id"
        )
        SELECT count(*) FROM moved
        """;

    public static async Task<int> Run(string[] args)
    {
        var customers = OpportunityDatabase.Arg(args, "--customers", 1_000_000);
        var due = OpportunityDatabase.Arg(args, "--due", customers / 20);
        var ct = CancellationToken.None;
        var now = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        await using var provider = await Services(connectionString, new FixedClock(now), ct);
        var (team, reps) = await Seed(provider, now, ct);

        // A server runs the job every hour: its code is compiled before a run like this one. The warm-up gives the timed
        // run that state; --cold times the first run of a fresh process instead.
        var job = provider.GetRequiredService<PoolRecycleJob>();
        if (!args.Contains("--cold"))
        {
            await Load(provider, connectionString, WarmUpCustomers, WarmUpCustomers / 4, team, reps, now, ct);
            var warmUp = await job.RunDueAsync(ct);
            if (warmUp?.Moved != WarmUpCustomers / 4) throw new InvalidOperationException($"The warm-up run moved {warmUp?.Moved}.");
        }
        var entriesBefore = await PoolTimelineEntries(connectionString, ct);

        var load = Stopwatch.StartNew();
        await Load(provider, connectionString, customers, due, team, reps, now, ct);
        Console.WriteLine($"  loaded {customers:N0} customers in {load.Elapsed.TotalSeconds:N1} s");

        var backfill = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecycleCustomers>().RefreshDueSets(ct);
        var backfillMs = backfill.Elapsed.TotalMilliseconds;
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            // As autovacuum would after a million rows: the visibility map lets the new-customer check read indexes only.
            await Execute(conn, "VACUUM ANALYZE customers", ct);
            await Execute(conn, "VACUUM ANALYZE pools_customers", ct);
            // Else autovacuum reads the million follow-ups just loaded while the job runs (it did, in a run of 6 s).
            await Execute(conn, "VACUUM ANALYZE timeline_interactions", ct);
        }

        long handMoved;
        double handMs;
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var cmd = new NpgsqlCommand(HandWrittenMove, conn, tx);
            cmd.Parameters.AddWithValue("empty", Guid.Empty);
            cmd.Parameters.AddWithValue("team", team);
            cmd.Parameters.AddWithValue("cutoff", now.AddDays(-30));
            var hand = Stopwatch.StartNew();
            handMoved = (long)(await cmd.ExecuteScalarAsync(ct))!;
            handMs = hand.Elapsed.TotalMilliseconds;
            await tx.RollbackAsync(ct);
            if (args.Contains("--explain"))
            {
                await using var explainTx = await conn.BeginTransactionAsync(ct);
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + HandWrittenMove, conn, explainTx);
                foreach (NpgsqlParameter p in cmd.Parameters) explain.Parameters.AddWithValue(p.ParameterName, p.Value!);
                await using (var reader = await explain.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) Console.WriteLine(reader.GetString(0));
                await explainTx.RollbackAsync(ct);
            }
        }

        var app = Stopwatch.StartNew();
        var first = await job.RunDueAsync(ct);
        var appMs = app.Elapsed.TotalMilliseconds;
        var again = Stopwatch.StartNew();
        var second = await job.RunDueAsync(ct);
        var againMs = again.Elapsed.TotalMilliseconds;
        var entries = await PoolTimelineEntries(connectionString, ct) - entriesBefore;

        Console.WriteLine("| customers | due | backfill ms (once) | hand-written move ms (rolled back) | app run ms | moved | timeline entries | warned | second run ms | moved again | bar 5000 ms |");
        Console.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var ok = first is not null && second is not null && first.Moved == handMoved && first.Moved == due && entries == due && second.Moved == 0 && appMs <= 5000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {customers:N0} | {due:N0} | {backfillMs:N0} | {handMs:N0} | {appMs:N0} | {first?.Moved:N0} | {entries:N0} | {first?.Warned:N0} | {againMs:N0} | {second?.Moved:N0} | {(ok ? "pass" : "FAIL")} |"));
        return ok ? 0 : 1;
    }

    private static async Task<long> PoolTimelineEntries(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM timeline_entries WHERE \"SourceModule\" = '{PoolTimeline.Module}'", conn);
        return (long)(await count.ExecuteScalarAsync(ct))!;
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
        services.AddSingleton(time);
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

    /// <summary>A team of 100 reps and a pool over it with one grade-A rule.</summary>
    private static async Task<(Guid Team, Guid[] Reps)> Seed(IServiceProvider provider, DateTime now, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var at = now.AddYears(-1);
        User Person(string email, string name, Guid? team) => new()
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, CreatedAt = at, SecurityStamp = Guid.NewGuid().ToString("N"), TeamId = team,
        };
        var manager = Person("manager@bench.keqing.local", "销售经理", null);
        var team = new Team { Name = "华东销售", ManagerId = manager.Id, CreatedAt = at };
        manager.TeamId = team.Id;
        var reps = Enumerable.Range(0, 100).Select(i => Person($"rep{i:D3}@bench.keqing.local", $"销售{i:D3}", team.Id)).ToList();
        db.Add(team);
        db.Add(manager);
        db.AddRange(reps);
        db.Add(new Pool
        {
            Name = "华东公海", DailyClaimQuota = 20, ReclaimWaitDays = 7, CreatedAt = at, UpdatedAt = at,
            Members = [new PoolMember { TeamId = team.Id }],
            Rules = [new PoolRule { Grade = CustomerGrade.A, DaysWithoutFollowUp = 30, SpareOpenOpportunities = true, NoticeDays = 3 }],
        });
        await db.SaveChangesAsync(ct);
        return (team.Id, reps.Select(r => r.Id).ToArray());
    }

    /// <summary>
    /// One template customer and follow-up written by the app's model, then copied in SQL: every column as the template
    /// has it but the id, name, owner and creation time (and, for the follow-ups, the customer and the time).
    /// </summary>
    private static async Task Load(IServiceProvider provider, string connectionString, int customers, int due, Guid team, Guid[] reps,
        DateTime now, CancellationToken ct)
    {
        Guid template;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var customer = new Customer
            {
                Kind = CustomerKind.Organization, Name = "模板客户", Province = "上海", City = "上海", Industry = "贸易", Grade = CustomerGrade.A,
                OwnerId = reps[0], TeamId = team, CreatedAt = now, UpdatedAt = now, ArchivedAt = now,
            };
            db.Add(customer);
            db.Add(new Interaction
            {
                CustomerId = customer.Id, Channel = InteractionChannel.Call, Direction = InteractionDirection.Outbound, OccurredAt = now.AddYears(-1),
                Subject = "电话回访", UserId = reps[0], TeamId = team, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            template = customer.Id;
        }
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        // The template is archived, so neither the job nor the hand-written move sees it.
        var customerCopy = await CopySql(conn, "customers", new Dictionary<string, string>
        {
            ["Id"] = "gen_random_uuid()",
            ["Name"] = "'客户' || g",
            ["OwnerId"] = "(@reps::uuid[])[g % 100 + 1]",
            ["ArchivedAt"] = "NULL",
            // g ≤ due: untouched 60 days (recycled); due < g ≤ 2·due: 28.5 days (warned); the rest 60 days, followed up below.
            ["CreatedAt"] = "CASE WHEN g <= @due * 2 AND g > @due THEN @now - interval '28 days 12 hours' ELSE @now - interval '60 days' END",
            // Untouched since: a run's window of changed customers (those without a pool row are looked for there) is empty.
            ["UpdatedAt"] = "CASE WHEN g <= @due * 2 AND g > @due THEN @now - interval '28 days 12 hours' ELSE @now - interval '60 days' END",
            ["Industry"] = "CASE WHEN g > @due * 2 THEN 'followed' ELSE t.\"Industry\" END",
        }, "generate_series(1, @customers) g", ct);
        await Execute(conn, customerCopy, ct, ("reps", reps), ("due", due), ("now", now), ("customers", customers), ("template", template));
        var interactionCopy = await CopySql(conn, "timeline_interactions", new Dictionary<string, string>
        {
            ["Id"] = "gen_random_uuid()",
            ["CustomerId"] = "c.\"Id\"",
            ["OccurredAt"] = "@now - (abs(hashtext(c.\"Id\"::text)) % 20 + 1) * interval '1 day'",
        }, "customers c", ct, "AND c.\"Industry\" = 'followed' AND c.\"ArchivedAt\" IS NULL", templateColumn: "CustomerId");
        await Execute(conn, interactionCopy, ct, ("now", now), ("template", template));
        await Execute(conn, "ANALYZE customers; ANALYZE timeline_interactions; ANALYZE pools_customers", ct);
    }

    /// <summary>An INSERT … SELECT copying the template row of <paramref name="table"/> once per row of <paramref name="source"/>.</summary>
    private static async Task<string> CopySql(NpgsqlConnection conn, string table, Dictionary<string, string> overrides, string source,
        CancellationToken ct, string extraWhere = "", string templateColumn = "Id")
    {
        var columns = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = @t AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position", conn))
        {
            cmd.Parameters.AddWithValue("t", table);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) columns.Add(reader.GetString(0));
        }
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
        return $"INSERT INTO {table} ({list}) SELECT {values} FROM {table} t CROSS JOIN {source} WHERE t.\"{templateColumn}\" = @template {extraWhere}";
    }

    private static async Task Execute(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
