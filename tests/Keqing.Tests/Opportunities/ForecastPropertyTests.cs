using CsCheck;
using Keqing.Modules.Opportunities.Domain;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// Properties of the forecast's roll-up (DOMAIN S2, money exact to the fen): over any opportunities, the reps' figures
/// add up to their team's and the teams' to the total, the weighted amount is exact before its one rounding and never
/// above the pipeline, and periods parse to the right first and last days.
/// </summary>
public sealed class ForecastPropertyTests
{
    private sealed record Deal(int Team, int Owner, long Minor, int Probability, int Kind, int Category);

    // Kind: 0 open, 1 won. Category: 0 pipeline, 1 best case, 2 commit. Amounts up to 10^11 fen (a billion yuan).
    private static readonly Gen<Deal> Deals = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 5], Gen.Long[0, 100_000_000_000], Gen.Int[0, 100],
        Gen.Int[0, 1], Gen.Int[0, 2], (t, o, m, p, k, c) => new Deal(t, o, m, p, k, c));

    private static readonly Guid[] Teams = [.. Enumerable.Range(1, 4).Select(i => new Guid(i, 0, 0, new byte[8]))];
    private static readonly Guid[] Owners = [.. Enumerable.Range(1, 6).Select(i => new Guid(0, (short)i, 0, new byte[8]))];

    /// <summary>What the grouped query returns for these deals: one row per team and owner.</summary>
    private static List<ForecastRow> Rows(IEnumerable<Deal> deals) => deals.GroupBy(d => (d.Team, d.Owner)).Select(g =>
    {
        var open = g.Where(d => d.Kind == 0).ToList();
        return new ForecastRow(g.Key.Team == 3 ? null : Teams[g.Key.Team], Owners[g.Key.Owner],
            open.Sum(d => d.Minor), open.Sum(d => d.Minor * d.Probability),
            open.Where(d => d.Category > 0).Sum(d => d.Minor), open.Where(d => d.Category == 2).Sum(d => d.Minor),
            g.Where(d => d.Kind == 1).Sum(d => d.Minor), open.Count, open.Count(d => d.Category > 0), open.Count(d => d.Category == 2),
            g.Count(d => d.Kind == 1));
    }).ToList();

    [Fact]
    public void Reps_add_up_to_their_team_and_teams_to_the_total_exactly()
    {
        Deals.Array[0, 60].Sample(deals =>
        {
            var forecast = ForecastRollup.Build(ForecastPeriod.Parse("2026Q4")!, "CNY", Rows(deals), new Dictionary<Guid, string>(),
                new Dictionary<Guid, string>(), "无团队");
            foreach (var team in forecast.Teams)
            {
                var f = team.Figures;
                f.Pipeline.MinorUnits.Should().Be(team.Reps.Sum(r => r.Figures.Pipeline.MinorUnits));
                f.BestCase.MinorUnits.Should().Be(team.Reps.Sum(r => r.Figures.BestCase.MinorUnits));
                f.Commit.MinorUnits.Should().Be(team.Reps.Sum(r => r.Figures.Commit.MinorUnits));
                f.ClosedWon.MinorUnits.Should().Be(team.Reps.Sum(r => r.Figures.ClosedWon.MinorUnits));
                f.WeightedExact.Should().Be(team.Reps.Sum(r => r.Figures.WeightedExact));
                (f.OpenCount, f.WonCount).Should().Be((team.Reps.Sum(r => r.Figures.OpenCount), team.Reps.Sum(r => r.Figures.WonCount)));
            }
            var t = forecast.Total;
            t.Pipeline.MinorUnits.Should().Be(forecast.Teams.Sum(x => x.Figures.Pipeline.MinorUnits)).And.Be(deals.Where(d => d.Kind == 0).Sum(d => d.Minor));
            t.ClosedWon.MinorUnits.Should().Be(forecast.Teams.Sum(x => x.Figures.ClosedWon.MinorUnits)).And.Be(deals.Where(d => d.Kind == 1).Sum(d => d.Minor));
            t.WeightedExact.Should().Be(forecast.Teams.Sum(x => x.Figures.WeightedExact));
            t.OpenCount.Should().Be(deals.Count(d => d.Kind == 0));
        }, iter: 500);
    }

    [Fact]
    public void Weighted_is_exact_rounded_once_to_the_fen_and_never_above_the_pipeline()
    {
        Deals.Array[0, 60].Sample(deals =>
        {
            var forecast = ForecastRollup.Build(ForecastPeriod.Parse("2026-12")!, "CNY", Rows(deals), new Dictionary<Guid, string>(),
                new Dictionary<Guid, string>(), "无团队");
            foreach (var f in forecast.Teams.SelectMany(t => t.Reps.Select(r => r.Figures).Append(t.Figures)).Append(forecast.Total))
            {
                f.Weighted.Should().BeLessThanOrEqualTo(f.Pipeline);
                f.Commit.Should().BeLessThanOrEqualTo(f.BestCase);
                f.BestCase.Should().BeLessThanOrEqualTo(f.Pipeline);
                // Exact: a whole number of hundredths of a fen; rounded: within half a fen, once.
                (f.WeightedExact * 10_000m % 1m).Should().Be(0m);
                Math.Abs(f.Weighted.Amount - f.WeightedExact).Should().BeLessThanOrEqualTo(0.005m);
                f.Weighted.MinorUnits.Should().Be((long)Math.Round(f.WeightedExact * 100m, MidpointRounding.AwayFromZero));
            }
            var open = deals.Where(d => d.Kind == 0).ToList();
            forecast.Total.WeightedExact.Should().Be(open.Sum(d => (decimal)d.Minor * d.Probability) / 10_000m);
        }, iter: 500);
    }

    [Fact]
    public void Rounding_the_sum_once_is_not_the_sum_of_rounded_deals()
    {
        // Three deals of 0.01 at 50 %: 0.015 in all, shown as 0.02 (rounding each deal would give 0.03).
        var rows = new List<ForecastRow> { new(Teams[0], Owners[0], 3, 150, 0, 0, 0, 3, 0, 0, 0) };
        var figures = ForecastRollup.Figures(rows, "CNY");
        (figures.WeightedExact, figures.Weighted.Amount).Should().Be((0.015m, 0.02m));
    }

    [Fact]
    public void Any_month_or_quarter_parses_to_its_first_day_and_the_next_periods_first_day()
    {
        Gen.Select(Gen.Int[2000, 2999], Gen.Int[1, 12]).Sample((year, month) =>
        {
            var m = ForecastPeriod.Parse($"{year}-{month:00}")!;
            (m.From, m.To).Should().Be((new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1)));
            var q = ForecastPeriod.Parse($"{year}q{(month + 2) / 3}")!;
            q.From.Should().BeOnOrBefore(m.From);
            q.To.Should().BeOnOrAfter(m.To);
            (q.To.Month - 1 + 12 * (q.To.Year - q.From.Year) - (q.From.Month - 1)).Should().Be(3);
            ForecastPeriod.QuarterOf(m.From).Should().Be(q);
        });
        foreach (var bad in new[] { "", "2026", "2026-00", "2026-13", "2026Q0", "2026Q5", "1999-12", "3000Q1", "2026-1", "２０２６-01" })
            ForecastPeriod.Parse(bad).Should().BeNull(bad);
    }
}
