using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Bench;

/// <summary>Latency percentiles of one measured series, in milliseconds.</summary>
public sealed record Stats(double P50, double P95, double Max, int N)
{
    public static Stats Of(List<double> ms)
    {
        ms.Sort();
        return new Stats(Rank(ms, 0.50), Rank(ms, 0.95), ms[^1], ms.Count);
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>What one scenario measured, and whether it met its target (null when it has none).</summary>
public sealed record ScenarioResult(string Principal, string Title, string Query, int Rows, int QueriesPerCall, Stats Handler, Stats Raw,
    Stats? Seq, string Target, bool? Pass)
{
    public double? SeqRatio => Seq is null ? null : Seq.P50 / Handler.P95;
}

/// <summary>
/// Runs every scenario through the real <see cref="ListCustomers"/> handler (a DI scope per call, like a request) and
/// beside it the same SQL with plain ADO.NET, and that SQL forced to sequential scans; collects the query plans.
/// </summary>
public sealed partial class ScenarioRunner(IServiceProvider provider, CommandCapture capture, BenchOptions options, string connectionString)
{
    private const int Limit = 50;
    private const double SearchTargetMs = 20;
    private const double SeqFactor = 20;
    private const double DeepPageFactor = 1.5;

    private bool Postgres => options.Provider == "postgres";
    public StringBuilder Plans { get; } = new();

    private delegate Task<int> Call(ListCustomers handler, CancellationToken ct);

    public async Task<List<ScenarioResult>> RunAll(Staff staff, SampleCollector samples, CancellationToken ct)
    {
        var org = samples.Organization!;
        var city = org.City!;
        var prefix = org.Name[..(city.Length + 1)];
        var substring = org.Name.Substring(city.Length + 1, 3);
        var initialsToken = org.PinyinKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var initials = initialsToken[..Math.Min(4, initialsToken.Length)];
        var mobile = org.Phones[0];
        var phone = $"+86 {mobile[..3]}-{mobile[3..7]}-{mobile[7..]}";
        var email = org.Emails[0].ToUpperInvariant();

        Plans.AppendLine(CultureInfo.InvariantCulture, $"# Query plans — {options.Provider}, {options.Customers:N0} customers").AppendLine();
        Plans.AppendLine(Postgres ? "EXPLAIN (ANALYZE, BUFFERS) of the SQL the handler sent, with its parameters." : "EXPLAIN QUERY PLAN of the SQL the handler sent.")
            .AppendLine();

        var results = new List<ScenarioResult>();
        var who = new (string Name, ClaimsPrincipal Principal)[]
        {
            ("Admin", Principal(Guid.Parse("0190a000-0000-7000-8000-000000000001"), Roles.Admin)),
            ("SalesRep", Principal(staff.UserIds[Staff.Rep], Roles.SalesRep)),
        };
        foreach (var (name, principal) in who)
        {
            Console.WriteLine($"== {name}");
            async Task Search(string title, string q)
            {
                if (options.Only is null || title.Contains(options.Only, StringComparison.Ordinal)) results.Add(await Measure(name, principal, title, $"q={q}",
                    (h, c) => Items(h.Handle(new CustomerQuery(Q: q), Limit, null, c)), search: true, ct));
            }

            await Search("name prefix", prefix);
            await Search("name substring", substring);
            await Search("name, 2 characters", "张伟");
            await Search("pinyin initials", initials);
            await Search("pinyin full", "zhangwei");
            await Search("phone, other format", phone);
            await Search("email, upper-cased", email);
            if (options.Only is not null) continue;

            var first = await Measure(name, principal, "list page 1", "sort=name", (h, c) => Items(h.Handle(new CustomerQuery(), Limit, null, c)),
                search: false, ct);
            results.Add(first);
            var (page, cursor) = await Walk(principal, options.Page, ct);
            var deep = await Measure(name, principal, $"list page {page:N0} (keyset)", "sort=name, after=cursor",
                (h, c) => Items(h.Handle(new CustomerQuery(), Limit, cursor, c)), search: false, ct);
            results.Add(deep with { Target = $"p95 ≤ {DeepPageFactor}× page 1 ({DeepPageFactor * first.Handler.P95:N1} ms)", Pass = deep.Handler.P95 <= DeepPageFactor * first.Handler.P95 });

            results.Add(await Measure(name, principal, "count (capped)", "no filter",
                async (h, c) => (await h.Count(new CustomerQuery(), c)).Count, search: false, ct, countTarget: true));
            results.Add(await Measure(name, principal, "count (capped), name prefix", $"q={prefix}",
                async (h, c) => (await h.Count(new CustomerQuery(Q: prefix), c)).Count, search: false, ct, countTarget: true));
        }
        return results;
    }

    private static async Task<int> Items(Task<Page<Keqing.Modules.Customers.Contracts.CustomerDto>> page) => (await page).Items.Count;

    private static ClaimsPrincipal Principal(Guid id, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Role, role)], "bench"));

    /// <summary>
    /// The cursor of page <paramref name="target"/> of the name-sorted list (limit 50), or of the last page. Walking
    /// 10,000 pages through the handler is what a client does, but when a page costs a full sort (see the plans) that
    /// takes hours; so the cursor is built from the row an OFFSET query over the same visible rows and order finds,
    /// encoded as the handler encodes it, and checked against the handler's own cursor of page 2 (untimed).
    /// </summary>
    private async Task<(int Page, string? Cursor)> Walk(ClaimsPrincipal principal, int target, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        var access = scope.ServiceProvider.GetRequiredService<IRecordAccess>();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var visible = (await access.Visible(db.Set<Customer>(), ct)).AsNoTracking().Where(c => c.ArchivedAt == null);
        var count = await visible.CountAsync(ct);
        var page = Math.Max(1, Math.Min(target, (count + Limit - 1) / Limit));

        async Task<string?> CursorOf(int p)
        {
            if (p == 1) return null;
            var last = await visible.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip((p - 1) * Limit - 1)
                .Select(c => new { c.Name, c.Id }).FirstAsync(ct);
            return Paging.Encode(new ListCustomers.Cursor(last.Name, null, last.Id));
        }

        var handler = scope.ServiceProvider.GetRequiredService<ListCustomers>();
        var next = (await handler.Handle(new CustomerQuery(), Limit, null, ct)).Next;
        if (count > Limit && next != await CursorOf(2))
            throw new InvalidOperationException("The computed cursor of page 2 differs from the handler's.");
        var cursor = await CursorOf(page);
        Console.WriteLine($"  {count:N0} visible; cursor of page {page:N0} in {clock.Elapsed.TotalSeconds:N1} s");
        return (page, cursor);
    }

    private async Task<ScenarioResult> Measure(string who, ClaimsPrincipal principal, string title, string query, Call call, bool search,
        CancellationToken ct, bool countTarget = false)
    {
        // One recorded call: the SQL the handler sends (the last untagged command is the list/count query itself; the
        // privacy lookups that masking adds are tagged).
        capture.Reset();
        capture.Recording = true;
        var (_, rows) = await Invoke(principal, call, ct);
        capture.Recording = false;
        var queries = capture.Count;
        var main = capture.Recorded.Last(c => !c.Sql.StartsWith($"-- {Keqing.Modules.Privacy.Contracts.IPrivacyGrants.QueryTag}", StringComparison.Ordinal));

        for (var i = 0; i < options.Warmup; i++) await Invoke(principal, call, ct);
        var handler = await Series(async () => (await Invoke(principal, call, ct)).Ms);

        List<double> raw;
        await using (var conn = await Open(forceSeqScan: false, ct))
        {
            // The replayed SQL must return what the handler got (limit + 1 rows for a page, the number for a count).
            var rawRows = await RawRows(conn, main, ct);
            if (rawRows != rows && rawRows != rows + 1)
                throw new InvalidOperationException($"{title}: the replayed SQL returned {rawRows}, the handler {rows}.");
            for (var i = 0; i < options.Warmup; i++) await RunRaw(conn, main, null, ct);
            raw = await Series(() => RunRaw(conn, main, null, ct));
        }

        Stats? seq = null;
        if (search)
        {
            var list = new List<double>();
            await using var conn = await Open(forceSeqScan: true, ct);
            var sql = Postgres ? null : NotIndexed(main.Sql, query.StartsWith("q=", StringComparison.Ordinal) ? query[2..] : "");
            await RunRaw(conn, main, sql, ct);
            for (var i = 0; i < options.SeqRuns; i++) list.Add(await RunRaw(conn, main, sql, ct));
            seq = Stats.Of(list);
        }

        var h = Stats.Of(handler);
        string target;
        bool? pass;
        if (search)
        {
            target = $"p95 ≤ {SearchTargetMs} ms and ≤ 1/{SeqFactor} of seq scan";
            pass = h.P95 <= SearchTargetMs && seq!.P50 >= SeqFactor * h.P95;
        }
        else if (countTarget)
        {
            target = $"no table scan: p95 ≤ {SearchTargetMs} ms";
            pass = h.P95 <= SearchTargetMs;
        }
        else
        {
            target = "—";
            pass = null;
        }
        var result = new ScenarioResult(who, title, query, rows, queries, h, Stats.Of(raw), seq, target, pass);
        Console.WriteLine($"  {title,-34} rows {rows,5}  queries {queries}  handler p50 {h.P50,8:N2} p95 {h.P95,8:N2}  raw p50 {result.Raw.P50,8:N2}" +
                          (seq is null ? "" : $"  seq p50 {seq.P50,9:N2} (×{result.SeqRatio:N1})"));
        await Explain(result, main, ct);
        return result;
    }

    /// <summary>
    /// <see cref="BenchOptions.Runs"/> timed runs; a series that is far off target anyway (slower than the time budget
    /// allows) stops after 10 runs, so a full run stays within minutes. The run count is reported beside the figures.
    /// </summary>
    private async Task<List<double>> Series(Func<Task<double>> run)
    {
        var times = new List<double>(options.Runs);
        var clock = Stopwatch.StartNew();
        while (times.Count < options.Runs && (times.Count < 10 || clock.Elapsed.TotalSeconds < options.BudgetSeconds))
            times.Add(await run());
        return times;
    }

    private async Task<(double Ms, int Rows)> Invoke(ClaimsPrincipal principal, Call call, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
        var rows = await call(scope.ServiceProvider.GetRequiredService<ListCustomers>(), ct);
        return (clock.Elapsed.TotalMilliseconds, rows);
    }

    private async Task<DbConnection> Open(bool forceSeqScan, CancellationToken ct)
    {
        DbConnection conn = Postgres
            ? new NpgsqlConnection(connectionString + ";Pooling=false")
            : new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        if (forceSeqScan && Postgres)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return conn;
    }

    private static async Task<int> RawRows(DbConnection conn, CapturedCommand command, CancellationToken ct)
    {
        await using var cmd = command.CreateOn(conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var n = 0;
        object? first = null;
        while (await reader.ReadAsync(ct))
            if (n++ == 0) first = reader.GetValue(0);
        return n == 1 && reader.FieldCount == 1 ? Convert.ToInt32(first, System.Globalization.CultureInfo.InvariantCulture) : n;
    }

    private static async Task<double> RunRaw(DbConnection conn, CapturedCommand command, string? sql, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var cmd = command.CreateOn(conn, sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>SQLite has no planner switches: <c>NOT INDEXED</c> on every table makes the same query scan.</summary>
    /// <summary>
    /// The same query without any index: every table read NOT INDEXED, and on SQLite the FTS5 matches a search reads
    /// first replaced by the LIKE tests they stand for (the handler's own test when the matches are too many to list).
    /// </summary>
    private static string NotIndexed(string sql, string q)
    {
        var lower = q.Trim().ToLowerInvariant();
        var pinyin = PinyinIndex.NormalizeQuery(q);
        var test = $"\"SearchName\" LIKE '%{lower.Replace("'", "''")}%'" +
                   (pinyin.Length >= 3 && pinyin.All(char.IsAsciiLetterOrDigit) ? $" OR \"PinyinKeys\" LIKE '%{pinyin}%'" : "");
        return TableAlias().Replace(FullTextMatches().Replace(sql, $"customers NOT INDEXED WHERE ({test})"), "$0 NOT INDEXED");
    }

    [GeneratedRegex("""customers WHERE rowid IN \(SELECT value FROM json_each\(@\w+\)\)""")]
    private static partial Regex FullTextMatches();

    [GeneratedRegex("""(?:FROM|JOIN) "\w+" AS "\w+"(?! NOT INDEXED)""")]
    private static partial Regex TableAlias();

    private async Task Explain(ScenarioResult r, CapturedCommand command, CancellationToken ct)
    {
        Plans.AppendLine(CultureInfo.InvariantCulture, $"## {r.Principal}: {r.Title} ({r.Query}){(r.Pass == false ? " — MISSED TARGET" : "")}").AppendLine();
        Plans.AppendLine($"handler p50 {r.Handler.P50:N2} ms, p95 {r.Handler.P95:N2} ms; raw SQL p50 {r.Raw.P50:N2} ms" +
                         (r.Seq is null ? "" : $"; forced seq scan p50 {r.Seq.P50:N2} ms") + $"; target: {r.Target}").AppendLine();
        Plans.AppendLine("```sql").AppendLine(command.Sql);
        foreach (var p in command.Parameters) Plans.AppendLine(CultureInfo.InvariantCulture, $"-- {p.ParameterName} = {p.Value}");
        Plans.AppendLine("```").AppendLine("```");
        await using var conn = await Open(forceSeqScan: false, ct);
        await using var cmd = command.CreateOn(conn, (Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.Sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            Plans.AppendLine(Postgres ? reader.GetString(0) : $"{reader.GetValue(0)}|{reader.GetValue(1)}| {reader.GetValue(3)}");
        Plans.AppendLine("```").AppendLine();
    }

    /// <summary>Database version and the settings that matter for the figures.</summary>
    public async Task<string> Environment(CancellationToken ct)
    {
        await using var conn = await Open(forceSeqScan: false, ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Postgres
            ? "SELECT version() || ', lc_ctype ' || current_setting('lc_ctype') || ', lc_collate ' || current_setting('lc_collate') || ', shared_buffers ' || current_setting('shared_buffers') || ', work_mem ' || current_setting('work_mem') || ', max_parallel_workers_per_gather ' || current_setting('max_parallel_workers_per_gather') || ', jit ' || current_setting('jit')"
            : "SELECT 'SQLite ' || sqlite_version() || ', journal_mode ' || (SELECT journal_mode FROM pragma_journal_mode()) || ', page_size ' || (SELECT page_size FROM pragma_page_size())";
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
