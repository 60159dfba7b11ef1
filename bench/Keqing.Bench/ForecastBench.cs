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
               COALESCE(SUM("AmountMinor") FILTER (WHERE "Status" = 'Open'), 0),
               COALESCE(SUM("AmountMinor" * "Probability") FILTER (WHERE "Status" = 'Open'), 0),
               COALESCE(SUM("AmountMinor") FILTER (WHERE "Status" = 'Open' AND "ForecastCategory" IN ('BestCase', 'Commit')), 0),
               COALESCE(SUM("AmountMinor") FILTER (WHERE "Status" = 'Open' AND "ForecastCategory" = 'Commit'), 0),
               COALESCE(SUM("AmountMinor") FILTER (WHERE "Status" = 'Won'), 0),
               COUNT(*) FILTER (WHERE "Status" = 'Open'),
               COUNT(*) FILTER (WHERE "Status" = 'Open' AND "ForecastCategory" IN ('BestCase', 'Commit')),
               COUNT(*) FILTER (WHERE "Status" = 'Open' AND "ForecastCategory" = 'Commit'),
               COUNT(*) FILTER (WHERE "Status" = 'Won')
        FROM opportunities
        WHERE "ArchivedAt" IS NULL AND "AmountCurrency" = 'CNY' {0}
          AND (("Status" = 'Open' AND "ExpectedCloseDate" >= @from AND "ExpectedCloseDate" < @to)
            OR ("Status" = 'Won' AND "ClosedAt" >= @wonFrom AND "ClosedAt" < @wonTo))
        GROUP BY "TeamId", "OwnerId"
        """;

    public static async Task<int> Run(string[] args)
    {
        var count = OpportunityDatabase.Arg(args, "--opportunities", 1_000_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 50);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 5);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results";
        var ct = CancellationToken.None;
        await using var data = await OpportunityDatabase.StartAsync(count, ct);
        var (provider, capture, connectionString) = (data.Provider, data.Capture, data.ConnectionString);

        var period = ForecastPeriod.Parse("2026Q4")!;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### forecast, postgres, {count:N0} opportunities, period {period.Name} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; {runs} timed runs after {warmup} warm-up runs; handler = `GetForecast.Handle` in a new DI scope (scope, names, roll-up included)");
        report.AppendLine().AppendLine("| who | groups | handler p50 ms | handler p95 ms | hand-written SQL p50 ms | hand-written p95 ms | handler ÷ SQL p95 | target | result |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|---|---|");
        var plans = new StringBuilder();
        var pass = true;
        foreach (var (name, principal, scope) in data.Callers())
        {
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
                    pipeline += (long)reader.GetDecimal(2);
                    won += (long)reader.GetDecimal(6);
                    groups++;
                }
                return (pipeline, won, groups);
            }
            var (handlerTimes, answer, rawTimes, raw) = await OpportunityDatabase.TimeAlternately(Handler, Raw, runs, warmup);
            if (answer.Total.Pipeline.MinorUnits != raw.Pipeline || answer.Total.ClosedWon.MinorUnits != raw.Won)
                throw new InvalidOperationException($"{name}: the handler and the hand-written query disagree ({answer.Total.Pipeline} vs {raw.Pipeline}).");
            var (hp50, hp95) = (OpportunityDatabase.P(handlerTimes, 50), OpportunityDatabase.P(handlerTimes, 95));
            var (rp50, rp95) = (OpportunityDatabase.P(rawTimes, 50), OpportunityDatabase.P(rawTimes, 95));
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

            // What the handler sends, for comparison: every command of one call, and the plan of its grouped query.
            capture.Reset();
            capture.Recording = true;
            await Handler();
            capture.Recording = false;
            plans.AppendLine(CultureInfo.InvariantCulture, $"The handler's {capture.Count} commands:").AppendLine("```sql");
            foreach (var command in capture.Recorded) plans.AppendLine(command.Sql).AppendLine("--");
            plans.AppendLine("```");
            var grouped = capture.Recorded.Single(c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal));
            plans.AppendLine("Its grouped query's plan:").AppendLine("```");
            await using (var efExplain = grouped.CreateOn(conn, "EXPLAIN (ANALYZE, BUFFERS) " + grouped.Sql))
            await using (var reader = await efExplain.ExecuteReaderAsync(ct))
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
}
