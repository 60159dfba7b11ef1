using Keqing.Modules.SellThrough.Contracts;
namespace Keqing.Modules.SellThrough.Domain;

/// <summary>
/// How long a distributor's stock lasts at the recent pace, and whether sell-out is falling (DOMAIN S4).
/// <para>Months of stock of month m = closing stock of m ÷ the average monthly sales of the reported months among m,
/// m−1 and m−2 (a distributor with one or two months of history is judged on those; months not reported are not zeros).
/// No stock is 0 months. Stock with no sales in those months lasts for ever: <see cref="StockCover.Endless"/>, no
/// figure. Rounded to hundredths.</para>
/// <para>Sell-out falls three months in a row when sales of m &lt; m−1 &lt; m−2 &lt; m−3, all four months reported.</para>
/// </summary>
public static class StockMetrics
{
    /// <summary>How many months the average of sales looks back over (this month included).</summary>
    public const int AverageMonths = 3;

    /// <summary>
    /// The cover of <paramref name="closing"/> given the sales of the reported months among the last
    /// <see cref="AverageMonths"/> (this one included); none reported: no figure.
    /// </summary>
    public static StockCover Cover(long closing, IReadOnlyCollection<long> recentSales) =>
        recentSales.Count == 0 ? StockCover.None : Cover(closing, recentSales.Sum(), recentSales.Count);

    /// <summary>The cover from the sum and count of the recent months' sales (the form the SQL aggregates give).</summary>
    public static StockCover Cover(long closing, long salesSum, int monthsReported)
    {
        if (monthsReported <= 0) return StockCover.None;
        if (closing <= 0) return new StockCover(0m, false);
        if (salesSum <= 0) return new StockCover(null, true);
        return new StockCover(Math.Round((decimal)closing * monthsReported / salesSum, 2, MidpointRounding.AwayFromZero), false);
    }

    /// <summary>Whether the cover is above the limit (endless stock is).</summary>
    public static bool Exceeds(StockCover cover, decimal limit) => cover.Endless || cover.Months > limit;

    /// <summary>
    /// Whether sales fell three months in a row up to the last of <paramref name="salesByMonth"/> (month yyyymm → sales):
    /// the last month and the three before it all reported, each lower than the one before.
    /// </summary>
    public static bool FallingThreeMonths(IReadOnlyDictionary<int, long> salesByMonth, int month)
    {
        var current = month;
        for (var step = 0; step < 3; step++)
        {
            var previous = SellThroughMonth.Previous(current);
            if (!salesByMonth.TryGetValue(current, out var now) || !salesByMonth.TryGetValue(previous, out var before) || now >= before)
                return false;
            current = previous;
        }
        return true;
    }
}

/// <summary>Months of stock: a figure, or endless (stock and no sales), or neither (no sales reported to judge by).</summary>
public readonly record struct StockCover(decimal? Months, bool Endless)
{
    public static readonly StockCover None = new(null, false);
}
