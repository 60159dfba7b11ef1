using System.Globalization;
using System.Text;

namespace Keqing.Bench;

/// <summary>The markdown report of one bench run.</summary>
public static class Report
{
    public static string Markdown(BenchOptions o, LoadStats? load, SampleCollector samples, IReadOnlyList<ScenarioResult> results, string environment)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"### {o.Provider}, {o.Customers:N0} customers ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)").AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"- {environment}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- machine: {System.Environment.ProcessorCount} cores, {MemoryGiB():N0} GiB; .NET {System.Environment.Version}");
        if (load is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"- load: {load.Customers:N0} customers + {load.Lookups:N0} lookup rows; " +
                         $"{(o.Provider == "postgres" ? "binary COPY" : "one transaction of prepared 100-row INSERTs")} {load.Insert.TotalSeconds:N1} s " +
                         $"({load.Customers / load.Insert.TotalSeconds:N0} customers/s incl. generation), index build {load.Indexes.TotalSeconds:N1} s, " +
                         $"{(o.Provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE")} {load.Analyze.TotalSeconds:N1} s, total {load.Total.TotalSeconds:N1} s");
        s.AppendLine(CultureInfo.InvariantCulture, $"- searched for: organisation \"{samples.Organization!.Name}\" (phone {samples.Organization.Phones[0]}, email {samples.Organization.Emails[0]}); " +
                     $"{samples.NamedZhangWei:N0} customers are named 张伟");
        s.AppendLine(CultureInfo.InvariantCulture, $"- {o.Runs} timed runs after {o.Warmup} warm-up runs (a series slower than {o.BudgetSeconds} s in total stops at 10 runs: see n); forced sequential scan: {o.SeqRuns} runs after 1 warm-up; limit 50");
        s.AppendLine();
        s.AppendLine("| who | scenario | query | rows | SQL/call | n | handler p50 ms | handler p95 ms | raw SQL p50 ms | raw SQL p95 ms | seq scan p50 ms | seq ÷ handler p95 | target | result |");
        s.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var r in results)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Principal} | {r.Title} | `{r.Query}` | {r.Rows:N0} | {r.QueriesPerCall} | {r.Handler.N} | {r.Handler.P50:N2} | {r.Handler.P95:N2} | " +
                         $"{r.Raw.P50:N2} | {r.Raw.P95:N2} | {(r.Seq is null ? "—" : r.Seq.P50.ToString("N1", CultureInfo.InvariantCulture))} | " +
                         $"{(r.SeqRatio is { } ratio ? $"{ratio:N1}×" : "—")} | {r.Target} | {r.Pass switch { true => "pass", false => "**FAIL**", null => "info" }} |");
        s.AppendLine();
        var failed = results.Where(r => r.Pass == false).Select(r => $"{r.Principal} {r.Title}").ToList();
        s.AppendLine(failed.Count == 0 ? "All targets met." : $"Missed ({failed.Count}): {string.Join("; ", failed)}. Plans: `{o.Provider}-{o.Customers}-plans.md`.");
        return s.ToString();
    }

    private static double MemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
