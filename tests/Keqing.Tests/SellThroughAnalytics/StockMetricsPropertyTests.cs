using Keqing.Modules.SellThrough.Contracts;
using CsCheck;
using Keqing.Modules.SellThrough.Domain;

namespace Keqing.Tests.SellThroughAnalytics;

/// <summary>
/// Properties of months of stock and of "sell-out falling three months in a row" (DOMAIN S4), and of yyyymm months.
/// </summary>
public sealed class StockMetricsPropertyTests
{
    private static readonly Gen<long> Figure = Gen.Long[0, 1_000_000_000_000];

    [Fact]
    public void Months_of_stock_times_average_sales_give_back_the_closing_stock_to_the_rounding()
    {
        Gen.Select(Gen.Long[1, 1_000_000_000], Gen.Long[1, 1_000_000_000].Array[1, 3]).Sample((closing, sales) =>
        {
            var cover = StockMetrics.Cover(closing, sales);
            cover.Endless.Should().BeFalse();
            var average = (decimal)sales.Sum() / sales.Length;
            Math.Abs(cover.Months!.Value * average - closing).Should().BeLessThanOrEqualTo(average * 0.005m + 0.0001m);
        });
    }

    [Fact]
    public void No_stock_is_zero_months_stock_without_sales_is_endless_and_no_reported_month_gives_no_figure()
    {
        Gen.Select(Figure, Figure.Array[0, 3]).Sample((closing, sales) =>
        {
            var cover = StockMetrics.Cover(closing, sales);
            if (sales.Length == 0) cover.Should().Be(StockCover.None);
            else if (closing == 0) cover.Should().Be(new StockCover(0m, false));
            else if (sales.Sum() == 0) { cover.Endless.Should().BeTrue(); cover.Months.Should().BeNull(); }
            // Shown to the hundredth of a month: stock for less than half a hundredth reads 0.00, like an empty store.
            else if ((decimal)closing * sales.Length / sales.Sum() >= 0.005m) cover.Months.Should().BeGreaterThan(0m);
            else cover.Months.Should().Be(0m);
            StockMetrics.Exceeds(cover, 3m).Should().Be(cover.Endless || cover.Months > 3m);
        });
    }

    [Fact]
    public void More_stock_never_lasts_fewer_months()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Long[0, 1_000_000_000], Gen.Long[1, 1_000_000].Array[1, 3]).Sample((a, b, sales) =>
        {
            var (low, high) = (StockMetrics.Cover(Math.Min(a, b), sales), StockMetrics.Cover(Math.Max(a, b), sales));
            high.Months.Should().BeGreaterThanOrEqualTo(low.Months!.Value);
        });
    }

    [Fact]
    public void Falling_means_three_strict_declines_over_four_consecutive_reported_months()
    {
        Gen.Select(Gen.Int[2000, 2100], Gen.Int[1, 12], Gen.Long[0, 50].Array[4], Gen.Int[-1, 3]).Sample((year, m, sales, gap) =>
        {
            var month = SellThroughMonth.Of(year, m);
            var byMonth = new Dictionary<int, long>();
            for (var i = 0; i < 4; i++)
                if (i != gap) byMonth[SellThroughMonth.Add(month, -i)] = sales[i];
            var expected = gap < 0 && sales[0] < sales[1] && sales[1] < sales[2] && sales[2] < sales[3];
            StockMetrics.FallingThreeMonths(byMonth, month).Should().Be(expected);
        });
    }

    [Fact]
    public void Months_step_format_and_parse_consistently()
    {
        Gen.Select(Gen.Int[1990, 2200], Gen.Int[1, 12], Gen.Int[-300, 300]).Sample((year, m, step) =>
        {
            var month = SellThroughMonth.Of(year, m);
            SellThroughMonth.Parse(SellThroughMonth.Format(month)).Should().Be(month);
            SellThroughMonth.Next(SellThroughMonth.Previous(month)).Should().Be(month);
            SellThroughMonth.Previous(month).Should().Be(SellThroughMonth.Add(month, -1));
            SellThroughMonth.Between(month, SellThroughMonth.Add(month, step)).Should().Be(step);
        });
        foreach (var bad in new[] { "2026-13", "2026-00", "x", "2026-", "-11", "20261", "" })
            SellThroughMonth.Parse(bad).Should().BeNull(bad);
        SellThroughMonth.Parse("2026-1-1").Should().Be(202601, "a date stands for its month (imports carry dates)");
    }
}
