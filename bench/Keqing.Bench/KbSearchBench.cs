using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Keqing.Modules.Kb.Features;
using Keqing.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Keqing.Bench;

/// <summary>
/// Knowledge-base search on PostgreSQL (issue 16: 100,000 articles, p95 ≤ 20 ms): generated Chinese and English
/// articles (nine in ten published), COPY-loaded with their search columns filled by the app's own <c>KbRules.Index</c>;
/// then a reader's first page for Chinese terms of three or more characters (trigram index over title, tags and
/// text), two-character Chinese words (titles and tags) and English words, through <c>ListKbArticles</c> beside the
/// hand-written SQL in turns, checking both return the same articles in the same order.
/// </summary>
public static class KbSearchBench
{
    // The same ranks as the app (title, tags, body text), each newest first and cut at the page, in one statement.
    private const string LongSql =
        """
        SELECT "Id" FROM (
          (SELECT "Id", 0 AS r, "UpdatedAt" FROM kb_articles WHERE "Status" = 'Published' AND "SearchTitle" LIKE @p
           ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 21)
          UNION ALL
          (SELECT "Id", 1, "UpdatedAt" FROM kb_articles WHERE "Status" = 'Published' AND "SearchTitle" NOT LIKE @p AND "SearchTags" LIKE @p
           ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 21)
          UNION ALL
          (SELECT "Id", 2, "UpdatedAt" FROM kb_articles WHERE "Status" = 'Published' AND "SearchTitle" NOT LIKE @p AND "SearchTags" NOT LIKE @p
             AND "SearchText" LIKE @p
           ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 21)
        ) hits ORDER BY r, "UpdatedAt" DESC, "Id" DESC LIMIT 21
        """;

    private const string ShortSql =
        """
        SELECT "Id" FROM (
          (SELECT "Id", 0 AS r, "UpdatedAt" FROM kb_articles WHERE "Status" = 'Published' AND "SearchTitle" LIKE @p
           ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 21)
          UNION ALL
          (SELECT "Id", 1, "UpdatedAt" FROM kb_articles WHERE "Status" = 'Published' AND "SearchTitle" NOT LIKE @p AND "SearchTags" LIKE @p
           ORDER BY "UpdatedAt" DESC, "Id" DESC LIMIT 21)
        ) hits ORDER BY r, "UpdatedAt" DESC, "Id" DESC LIMIT 21
        """;

    /// <summary>The statement before session 14 (every match ranked, then sorted), measured beside for comparison.</summary>
    private const string RankAllSql =
        """
        SELECT "Id" FROM kb_articles WHERE "Status" = 'Published' AND "SearchText" LIKE @p
        ORDER BY CASE WHEN "SearchTitle" LIKE @p THEN 0 WHEN "SearchTags" LIKE @p THEN 1 ELSE 2 END, "UpdatedAt" DESC, "Id" DESC LIMIT 21
        """;

    /// <summary>The two-character statement before session 14 (titles and tags, every match ranked, then sorted).</summary>
    private const string RankAllShortSql =
        """
        SELECT "Id" FROM kb_articles WHERE "Status" = 'Published' AND ("SearchTitle" LIKE @p OR "SearchTags" LIKE @p)
        ORDER BY CASE WHEN "SearchTitle" LIKE @p THEN 0 ELSE 1 END, "UpdatedAt" DESC, "Id" DESC LIMIT 21
        """;

    private static readonly string[] ZhWords =
    [
        "监护仪", "彩超", "探头", "除颤器", "电极片", "试剂", "发票", "退货", "换货", "维保", "巡检", "报修", "序列号", "开机", "黑屏", "死机", "重启",
        "恢复出厂", "电池", "充电", "校准", "质控", "批号", "冷链", "温度", "签收", "抬头", "税号", "专票", "红冲", "订单", "发货", "物流", "合同",
        "付款", "对账", "账期", "报价", "折扣", "配件", "保修", "软件", "升级", "固件", "网络", "无线", "打印", "报告", "图像", "条纹", "噪声",
        "报警", "血氧", "血压", "心电", "导联", "袖带", "传感器", "耗材", "注射器", "留置针", "纱布", "有效期", "储存", "冷藏", "开瓶", "样本",
        "溶血", "操作", "步骤", "注意", "设置", "菜单", "密码", "账号", "登录", "权限", "科室", "床号", "医院", "经销商", "客户", "工程师", "培训",
    ];

    private static readonly string[] EnWords =
    [
        "monitor", "ultrasound", "probe", "defibrillator", "electrode", "reagent", "invoice", "return", "exchange", "maintenance", "inspection",
        "repair", "serial", "power", "screen", "frozen", "restart", "factory", "reset", "battery", "charge", "calibration", "quality", "control",
        "batch", "cold", "chain", "temperature", "delivery", "tax", "number", "credit", "note", "order", "shipping", "contract", "payment", "price",
        "discount", "spare", "part", "warranty", "software", "upgrade", "firmware", "network", "wireless", "printer", "report", "image", "stripes",
        "noise", "alarm", "oxygen", "pressure", "lead", "cuff", "sensor", "syringe", "catheter", "gauze", "expiry", "storage", "setting", "menu",
        "password", "account", "login", "department", "bed", "hospital", "distributor", "customer", "engineer", "training", "step", "check",
    ];

    public static async Task<int> Run(string[] args)
    {
        var count = OpportunityDatabase.Arg(args, "--articles", 100_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 50);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 3);
        var explain = args.Contains("--explain");
        var ct = CancellationToken.None;

        var (startedCluster, connectionString) = await BenchPostgres.StartAsync(ct);
        await using var cluster = startedCluster;
        await using var provider = await BenchPostgres.AppServicesAsync(connectionString, new CommandCapture(), ct);
        var load = System.Diagnostics.Stopwatch.StartNew();
        var published = await Load(connectionString, count, ct);
        Console.WriteLine($"  loaded {count:N0} articles ({published:N0} published) in {load.Elapsed.TotalSeconds:N1} s");

        var reader = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, Roles.SalesRep)], "bench"));
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"### kb-search, postgres, {count:N0} articles, {published:N0} published ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- {Environment.ProcessorCount} cores; a reader's first page (20) through `ListKbArticles` (a new DI scope per call) and hand-written SQL in turns after warm-up runs");
        report.AppendLine().AppendLine("| terms | runs | app p50 ms | app p95 ms | SQL p50 ms | SQL p95 ms | app ÷ SQL p95 | rank-all SQL p95 ms (before) | bar | result |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var pass = true;
        var sets = new (string Name, string[] Terms)[]
        {
            ("Chinese, 3+ characters (监护仪, 恢复出厂, 序列号 …)", ["监护仪", "恢复出厂", "序列号", "经销商", "留置针", "电池充电", "有效期", "工程师"]),
            ("Chinese, 2 characters (发票, 退货, 黑屏 …)", ["发票", "退货", "黑屏", "固件", "质控", "冷链", "培训", "报警"]),
            ("English (firmware, factory reset, invoice …)", ["firmware", "factory reset", "invoice", "calibration", "wireless", "warranty", "syringe", "password"]),
            ("no match (zzqx, 无此词语)", ["zzqx", "无此词语"]),
        };
        foreach (var (name, terms) in sets)
        {
            var turn = 0;
            async Task<string> App()
            {
                var term = terms[turn % terms.Length];
                await using var s = provider.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = reader;
                var page = await s.ServiceProvider.GetRequiredService<ListKbArticles>().Handle(new KbArticleQuery(term, null, null, null), 20, null, ct);
                return string.Join(',', page.Items.Select(a => a.Id));
            }
            async Task<string> Sql() => await Ids(terms[turn++ % terms.Length], false);
            async Task<string> Ids(string term, bool rankAll)
            {
                var text = term.EnumerateRunes().Count() < 3 ? rankAll ? RankAllShortSql : ShortSql : rankAll ? RankAllSql : LongSql;
                await using var cmd = new NpgsqlCommand(text, conn);
                cmd.Parameters.AddWithValue("p", "%" + term + "%");
                var ids = new List<Guid>();
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
                return string.Join(',', ids.Take(20));
            }
            var setRuns = Math.Max(runs, terms.Length * 4);
            var (appMs, app, sqlMs, sql) = await OpportunityDatabase.TimeAlternately(App, Sql, setRuns, warmup * terms.Length);
            if (app != sql) throw new InvalidOperationException($"Search differs for {terms[(turn - 1) % terms.Length]}: app {app}, SQL {sql}.");
            var before = new List<double>();
            for (var i = 0; i < terms.Length * 2; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                _ = await Ids(terms[i % terms.Length], true);
                before.Add(watch.Elapsed.TotalMilliseconds);
            }
            if (explain)
                foreach (var rankAll in new[] { false, true })
                {
                    var statement = terms[0].EnumerateRunes().Count() < 3 ? rankAll ? RankAllShortSql : ShortSql : rankAll ? RankAllSql : LongSql;
                    await using var explainCmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, conn);
                    explainCmd.Parameters.AddWithValue("p", "%" + terms[0] + "%");
                    Console.WriteLine($"-- {terms[0]} ({(rankAll ? "before: rank every match" : "after: per rank, cut at the page")})");
                    await using var plan = await explainCmd.ExecuteReaderAsync(ct);
                    while (await plan.ReadAsync(ct)) Console.WriteLine(plan.GetString(0));
                }
            pass &= Row(report, name, setRuns, appMs, sqlMs, OpportunityDatabase.P(before, 95), 20);
        }
        Console.WriteLine(report);
        return pass ? 0 : 1;
    }

    private static bool Row(StringBuilder report, string what, int runs, List<double> appMs, List<double> sqlMs, double beforeP95, double barMs)
    {
        var (a50, a95, s50, s95) = (OpportunityDatabase.P(appMs, 50), OpportunityDatabase.P(appMs, 95), OpportunityDatabase.P(sqlMs, 50), OpportunityDatabase.P(sqlMs, 95));
        var pass = a95 <= barMs;
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {what} | {runs} | {a50:N1} | {a95:N1} | {s50:N1} | {s95:N1} | {a95 / s95:N2} | {beforeP95:N1} | ≤ {barMs:N0} | {(pass ? "pass" : "MISSED")} |");
        return pass;
    }

    /// <summary>Half Chinese, half English; words drawn with a skew (a few common, most rare); the trigram index built after the COPY.</summary>
    private static async Task<int> Load(string connectionString, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        foreach (var index in TrigramIndexes) await Exec(conn, $"DROP INDEX \"IX_kb_articles_{index}_trgm\"", ct);
        var r = new Random(16);
        string Word(string[] words) => words[(int)(words.Length * Math.Pow(r.NextDouble(), 1.6))];
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var author = Guid.NewGuid();
        var published = 0;
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY kb_articles (\"Id\",\"Title\",\"Body\",\"Tags\",\"Audience\",\"Status\",\"PublishedVersion\",\"AuthorId\",\"CreatedAt\",\"UpdatedAt\",\"UpdatedById\"," +
            "\"SearchTitle\",\"SearchTags\",\"SearchText\",\"Views\",\"HelpfulYes\",\"HelpfulNo\",\"Version\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                var zh = i % 2 == 0;
                var words = zh ? ZhWords : EnWords;
                var sep = zh ? "" : " ";
                var title = string.Join(sep, Enumerable.Range(0, r.Next(3, 7)).Select(_ => Word(words))) + (zh ? "的处理方法" : " how-to");
                var body = new StringBuilder();
                for (var p = 0; p < r.Next(2, 5); p++)
                {
                    body.Append(zh ? "## " : "## ").Append(Word(words)).Append('\n').Append('\n');
                    body.Append(string.Join(sep, Enumerable.Range(0, r.Next(15, 40)).Select(_ => Word(words)))).Append(zh ? "。\n\n" : ".\n\n");
                }
                var at = start.AddMinutes(i * 3 + r.Next(3));
                var status = r.Next(20) switch { 0 => KbStatus.Draft, 1 => KbStatus.Archived, _ => KbStatus.Published };
                if (status == KbStatus.Published) published++;
                var article = new KbArticle
                {
                    Id = Ids.Version7(at, r), Title = title, Body = body.ToString(), Audience = KbAudience.Internal, Status = status,
                    Tags = KbRules.JoinTags([.. Enumerable.Range(0, r.Next(1, 4)).Select(_ => Word(words)).Distinct()]),
                    PublishedVersion = status == KbStatus.Draft ? null : 1, AuthorId = author, CreatedAt = at, UpdatedAt = at, UpdatedById = author,
                };
                KbRules.Index(article);
                await w.StartRowAsync(ct);
                await w.WriteAsync(article.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(article.Title, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.Body, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.Tags, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.Audience.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.Status.ToString(), NpgsqlDbType.Varchar, ct);
                if (article.PublishedVersion is { } v) await w.WriteAsync(v, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(author, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(author, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(article.SearchTitle, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.SearchTags, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(article.SearchText, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(r.Next(500), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(r.Next(50), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(r.Next(10), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
                if ((i + 1) % 10_000 == 0) Console.Write($"\r  copied {i + 1:N0}   ");
            }
            await w.CompleteAsync(ct);
        }
        Console.WriteLine();
        foreach (var index in TrigramIndexes)
            await Exec(conn, $"CREATE INDEX \"IX_kb_articles_{index}_trgm\" ON kb_articles USING gin (\"{index}\" gin_trgm_ops)", ct);
        await Exec(conn, "VACUUM (ANALYZE) kb_articles", ct);
        return published;
    }

    private static readonly string[] TrigramIndexes = ["SearchText", "SearchTitle", "SearchTags"];

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
