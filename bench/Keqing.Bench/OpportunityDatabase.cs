using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Opportunities.Features;
using Keqing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster with the app's schema, 20 teams of 10 users, the standard pipeline and N generated
/// opportunities (binary COPY), and the app's services over it: what the forecast and board benches run on.
/// </summary>
public sealed class OpportunityDatabase : IAsyncDisposable
{
    private readonly PostgresCluster cluster;

    private OpportunityDatabase(PostgresCluster cluster, ServiceProvider provider, CommandCapture capture, Staff staff, Guid pipelineId, string connectionString) =>
        (this.cluster, Provider, Capture, Staff, PipelineId, ConnectionString) = (cluster, provider, capture, staff, pipelineId, connectionString);

    public ServiceProvider Provider { get; }
    public CommandCapture Capture { get; }
    public Staff Staff { get; }
    public Guid PipelineId { get; }
    public string ConnectionString { get; }

    public static async Task<OpportunityDatabase> StartAsync(int count, CancellationToken ct)
    {
        var (cluster, connectionString) = await BenchPostgres.StartAsync(ct);
        var capture = new CommandCapture();
        var provider = await BenchPostgres.AppServicesAsync(connectionString, capture, ct);

        var staff = new Staff();
        var pipelineId = await SeedStaff(provider, staff, ct);
        var load = Stopwatch.StartNew();
        await Load(connectionString, staff, pipelineId, count, ct);
        Console.WriteLine($"  loaded {count:N0} opportunities in {load.Elapsed.TotalSeconds:N1} s");

        return new OpportunityDatabase(cluster, provider, capture, staff, pipelineId, connectionString);
    }

    /// <summary>
    /// Who the benches ask as: an admin (everything), the manager of team 0 (their own and the team's) and a rep (their
    /// own); with each, the WHERE clause a hand-written query needs for the same scope.
    /// </summary>
    public IEnumerable<(string Name, ClaimsPrincipal Principal, string Scope)> Callers()
    {
        ClaimsPrincipal As(Guid userId, string role) => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Role, role)], "bench"));
        var (manager, team, rep) = (Staff.UserIds[0], Staff.TeamIds[0], Staff.UserIds[Staff.Rep]);
        yield return ("Admin (all teams)", As(manager, Roles.Admin), "");
        yield return ("SalesManager (team 0)", As(manager, Roles.SalesManager), $"AND (\"OwnerId\" = '{manager}' OR \"TeamId\" = '{team}')");
        yield return ("SalesRep (own)", As(rep, Roles.SalesRep), $"AND \"OwnerId\" = '{rep}'");
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await cluster.DisposeAsync();
    }

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>
    /// Times <paramref name="handler"/> and <paramref name="raw"/> in turns (handler, query, handler, …), so a change in
    /// the machine's load during the run weighs on both alike.
    /// </summary>
    public static async Task<(List<double> HandlerMs, THandler Handler, List<double> RawMs, TRaw Raw)> TimeAlternately<THandler, TRaw>(
        Func<Task<THandler>> handler, Func<Task<TRaw>> raw, int runs, int warmup)
    {
        THandler lastHandler = default!;
        TRaw lastRaw = default!;
        for (var i = 0; i < warmup; i++) (lastHandler, lastRaw) = (await handler(), await raw());
        var (handlerMs, rawMs) = (new List<double>(runs), new List<double>(runs));
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            lastHandler = await handler();
            handlerMs.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            lastRaw = await raw();
            rawMs.Add(sw.Elapsed.TotalMilliseconds);
        }
        return (handlerMs, lastHandler, rawMs, lastRaw);
    }

    public static double P(List<double> values, int percentile)
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
