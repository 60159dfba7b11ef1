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
            var previous = Months.Previous(current);
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

/// <summary>Months as yyyymm numbers (202611), the form sell-through rows store.</summary>
public static class Months
{
    public static int Of(int year, int month) => year * 100 + month;
    public static int Of(DateOnly date) => Of(date.Year, date.Month);

    public static int Previous(int month) => month % 100 == 1 ? month - 100 + 11 : month - 1;
    public static int Next(int month) => month % 100 == 12 ? month + 100 - 11 : month + 1;
    public static int Add(int month, int count)
    {
        var index = month / 100 * 12 + month % 100 - 1 + count;
        return Of(index / 12, index % 12 + 1);
    }

    /// <summary>How many months from <paramref name="from"/> to <paramref name="to"/> (0 when equal).</summary>
    public static int Between(int from, int to) => (to / 100 * 12 + to % 100) - (from / 100 * 12 + from % 100);

    public static bool IsValid(int month) => month / 100 is >= 1900 and <= 9999 && month % 100 is >= 1 and <= 12;

    /// <summary>2026-11 (also 2026-1 and 202611) → 202611; anything else null.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 10) return null;
        text = text.Trim();
        int year, month;
        var dash = text.IndexOf('-');
        if (dash > 0)
        {
            if (!int.TryParse(text.AsSpan(0, dash), System.Globalization.NumberStyles.None, null, out year)
                || !int.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out month)) return null;
        }
        else if (text.Length == 6 && int.TryParse(text, System.Globalization.NumberStyles.None, null, out var packed))
            (year, month) = (packed / 100, packed % 100);
        else return null;
        var value = year * 100 + month;
        return month is >= 1 and <= 12 && IsValid(value) ? value : null;
    }

    public static string Format(int month) => $"{month / 100:D4}-{month % 100:D2}";
}
