using System.Globalization;

namespace Keqing.Bench;

/// <summary>Command-line options of the bench.</summary>
public sealed record BenchOptions(string Provider, int Customers, string? Connection, int Runs, int Warmup, int SeqRuns, int Page,
    string Out, string PgLocale, bool SkipLoad, bool Keep, int BudgetSeconds, bool LoadOnly, string Command = "search", string? Only = null)
{
    public const string Usage =
        """
        usage: Keqing.Bench search|dedup --provider postgres|sqlite [--customers N] [--connection CS] [--runs 50] [--warmup 5]
                                   [--seq-runs 5] [--page 10000] [--out bench/results] [--pg-locale C.UTF-8] [--skip-load] [--load-only] [--keep]
                                   [--budget-seconds 10]  (a series slower than this stops after 10 runs)
                                   [--only "name prefix"]  (only the search scenarios whose title contains this)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("search" or "dedup")) return null;
        var map = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            var key = args[i][2..];
            if (key is "skip-load" or "keep" or "load-only") flags.Add(key);
            else if (i + 1 < args.Length) map[key] = args[++i];
            else return null;
        }
        var provider = map.GetValueOrDefault("provider", "sqlite");
        if (provider is not ("postgres" or "sqlite")) return null;
        int Int(string k, int d) => map.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;
        return new BenchOptions(provider, Int("customers", provider == "postgres" ? 1_000_000 : 200_000), map.GetValueOrDefault("connection"),
            Int("runs", 50), Int("warmup", 5), Int("seq-runs", 5), Int("page", 10_000), map.GetValueOrDefault("out", "bench/results"),
            map.GetValueOrDefault("pg-locale", "C.UTF-8"), flags.Contains("skip-load"), flags.Contains("keep"),
            Int("budget-seconds", 10), flags.Contains("load-only"), args[0], map.GetValueOrDefault("only"));
    }
}
