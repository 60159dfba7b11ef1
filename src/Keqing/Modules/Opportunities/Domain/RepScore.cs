namespace Keqing.Modules.Opportunities.Domain;

/// <summary>
/// How a rep's fitness for a deal is scored (DOMAIN S5), in parts a manager can check by hand: 60 points for the win
/// rate on similar deals shrunk toward the team's, 25 for history with the customer, 15 for a light workload.
/// </summary>
public static class RepScore
{
    /// <summary>How many closed deals' worth of weight the team's rate has: a rep with few deals stays near it.</summary>
    public const int K = 5;
    public const int Months = 24;
    public const decimal WinWeight = 60m, HistoryWeight = 25m, WorkloadWeight = 15m;

    /// <summary>(won + k·teamRate) / (closed + k).</summary>
    public static decimal ShrunkWinRate(int won, int closed, decimal teamRate) => (won + K * teamRate) / (closed + K);

    /// <summary>Contacts count 1, won deals with the customer 3; 10 or more is full history.</summary>
    public static decimal History(int contacts, int wonWithCustomer) => Math.Min(1m, (contacts + 3m * wonWithCustomer) / 10m);

    /// <summary>1 with nothing open, ½ with 10 open deals, falling as more are open.</summary>
    public static decimal Workload(int openCount) => 1m / (1m + openCount / 10m);

    public static decimal Points(decimal weight, decimal part) => Math.Round(weight * part, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The amount band of a deal in major units (yuan for CNY): under 100,000; 100,000–500,000; 500,000–2,000,000; from
    /// 2,000,000. Returns the lower bound and the upper bound (null for the top band).
    /// </summary>
    public static (long From, long? To) Band(decimal amount)
    {
        long[] bounds = [0, 100_000, 500_000, 2_000_000];
        var i = bounds.Length - 1;
        while (i > 0 && amount < bounds[i]) i--;
        return (bounds[i], i + 1 < bounds.Length ? bounds[i + 1] : null);
    }
}
