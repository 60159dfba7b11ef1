using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Bench;

/// <summary>
/// A pipeline board's column totals on PostgreSQL (issue 14): N open opportunities in one pipeline (with 7/3 as many
/// closed ones beside them), then <see cref="OpportunityBoard.Totals"/> over <see cref="OpportunityFilter.Visible"/> in a
/// new DI scope per call (as a request: record access included) beside a hand-written grouped query for the same answer,
/// in turns, as an admin, a manager and a rep; the whole board (totals and the first 20 cards of each column) is timed
/// too. Target: the totals' p95 ≤ 100 ms over 100,000 open opportunities.
/// </summary>
public static class BoardBench
{
    private const string HandWritten =
        """
        SELECT "StageId", "AmountCurrency", COUNT(*), SUM("AmountMinor"), SUM("AmountMinor" * "Probability")
        FROM opportunities
        WHERE "ArchivedAt" IS NULL AND "PipelineId" = @pipeline AND "Status" = 'Open' {0}
        GROUP BY "StageId", "AmountCurrency"
        """;

    public static async Task<int> Run(string[] args)
    {
        var open = OpportunityDatabase.Arg(args, "--open", 100_000);
        var runs = OpportunityDatabase.Arg(args, "--runs", 100);
        var warmup = OpportunityDatabase.Arg(args, "--warmup", 5);
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results";
        var ct = CancellationToken.None;
        // The loader makes 30 % of its opportunities open and archives 2 % of all: 29.4 % open and live.
        await using var data = await OpportunityDatabase.StartAsync((int)Math.Ceiling(open / 0.294), ct);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### board column totals, postgres, {open:N0} open opportunities ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {Environment.ProcessorCount} cores; {runs} timed runs after {warmup} warm-up runs, handler and query in turns; handler = `OpportunityBoard.Totals` over `OpportunityFilter.Visible` in a new DI scope; whole board = `OpportunityBoard.Handle` (totals and the first 20 cards of each column)");
        report.AppendLine().AppendLine("| who | open counted | totals p50 ms | totals p95 ms | hand-written p50 ms | hand-written p95 ms | totals ÷ SQL p95 | whole board p50 / p95 ms | target | result |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|---|");
        var plans = new StringBuilder();
        var pass = true;
        foreach (var (name, principal, scope) in data.Callers())
        {
            async Task<List<OpportunityBoard.StageSum>> Totals()
            {
                await using var s = data.Provider.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
                var query = await s.ServiceProvider.GetRequiredService<OpportunityFilter>()
                    .Visible(new OpportunityQuery(data.PipelineId, Status: OpportunityStatus.Open), ct);
                return await OpportunityBoard.Totals(query, ct);
            }
            async Task<int> Board()
            {
                await using var s = data.Provider.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
                var board = await s.ServiceProvider.GetRequiredService<OpportunityBoard>().Handle(data.PipelineId, null, null, null, null, false, ct);
                return board.Columns.Sum(c => c.Count);
            }
            var sql = HandWritten.Replace("{0}", scope, StringComparison.Ordinal);
            await using var conn = new NpgsqlConnection(data.ConnectionString);
            await conn.OpenAsync(ct);
            NpgsqlCommand Command(string text)
            {
                var cmd = new NpgsqlCommand(text, conn);
                cmd.Parameters.AddWithValue("pipeline", data.PipelineId);
                return cmd;
            }
            async Task<(long Count, long Amount, long Weighted)> Raw()
            {
                await using var cmd = Command(sql);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                long count = 0, amount = 0, weighted = 0;
                while (await reader.ReadAsync(ct))
                {
                    count += reader.GetInt64(2);
                    amount += (long)reader.GetDecimal(3);
                    weighted += (long)reader.GetDecimal(4);
                }
                return (count, amount, weighted);
            }
            var (totalsMs, totals, rawMs, raw) = await OpportunityDatabase.TimeAlternately(Totals, Raw, runs, warmup);
            if (totals.Sum(t => (long)t.Count) != raw.Count || totals.Sum(t => t.Amount) != raw.Amount || totals.Sum(t => t.WeightedHundredths) != raw.Weighted)
                throw new InvalidOperationException($"{name}: the handler and the hand-written query disagree.");
            var (boardMs, boardCount, _, _) = await OpportunityDatabase.TimeAlternately(Board, () => Task.FromResult(0), runs / 2, warmup);
            if (boardCount != raw.Count) throw new InvalidOperationException($"{name}: the board counts {boardCount}, the query {raw.Count}.");
            var (tp50, tp95) = (OpportunityDatabase.P(totalsMs, 50), OpportunityDatabase.P(totalsMs, 95));
            var (rp50, rp95) = (OpportunityDatabase.P(rawMs, 50), OpportunityDatabase.P(rawMs, 95));
            var ok = tp95 <= 100;
            pass &= ok;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {raw.Count:N0} | {tp50:N1} | {tp95:N1} | {rp50:N1} | {rp95:N1} | {tp95 / rp95:N2} | {OpportunityDatabase.P(boardMs, 50):N1} / {OpportunityDatabase.P(boardMs, 95):N1} | totals ≤ 100 ms | {(ok ? "pass" : "**MISSED TARGET**")} |");

            plans.AppendLine(CultureInfo.InvariantCulture, $"#### {name}: the hand-written query").AppendLine("```");
            await using (var explain = Command("EXPLAIN (ANALYZE, BUFFERS) " + sql))
            await using (var reader = await explain.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) plans.AppendLine(reader.GetString(0));
            plans.AppendLine("```");
            data.Capture.Reset();
            data.Capture.Recording = true;
            await Totals();
            data.Capture.Recording = false;
            var grouped = data.Capture.Recorded.Single(c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal));
            plans.AppendLine(CultureInfo.InvariantCulture, $"The handler's {data.Capture.Count} commands; its grouped query and plan:").AppendLine("```sql").AppendLine(grouped.Sql).AppendLine("```").AppendLine("```");
            await using (var efExplain = grouped.CreateOn(conn, "EXPLAIN (ANALYZE, BUFFERS) " + grouped.Sql))
            await using (var reader = await efExplain.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) plans.AppendLine(reader.GetString(0));
            plans.AppendLine("```");
        }
        report.AppendLine().AppendLine(pass ? "All targets met." : "Targets missed: see the plans.");
        Directory.CreateDirectory(outDir);
        var stem = Path.Combine(outDir, $"board-postgres-{open}");
        await File.WriteAllTextAsync(stem + ".md", report.ToString(), ct);
        await File.WriteAllTextAsync(stem + "-plans.md", plans.ToString(), ct);
        Console.WriteLine(report);
        Console.WriteLine($"Written: {stem}.md and {stem}-plans.md");
        return pass ? 0 : 1;
    }
}
