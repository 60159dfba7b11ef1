using Keqing.Infrastructure.Money;
using Keqing.Modules.Opportunities.Contracts;

namespace Keqing.Modules.Opportunities.Domain;

/// <summary>
/// The sums of one owner's opportunities within one team, as the grouped query returns them: amounts in minor units,
/// the weighted sum in minor units × percent (Σ amount × probability, exact; divided by 100 only for display).
/// </summary>
public sealed record ForecastRow(
    Guid? TeamId, Guid OwnerId, long PipelineMinor, long WeightedMinorPercent, long BestCaseMinor, long CommitMinor,
    long WonMinor, int OpenCount, int BestCaseCount, int CommitCount, int WonCount);

/// <summary>Rolls owners' sums up to teams and a total: whole numbers added exactly; the weighted amount rounded once per figure.</summary>
public static class ForecastRollup
{
    public static ForecastDto Build(ForecastPeriod period, string currency, IReadOnlyList<ForecastRow> rows,
        IReadOnlyDictionary<Guid, string> userNames, IReadOnlyDictionary<Guid, string> teamNames, string noTeam)
    {
        var teams = rows.GroupBy(r => r.TeamId)
            .Select(team => new ForecastTeam(
                team.Key,
                team.Key is { } id ? teamNames.GetValueOrDefault(id, "") : noTeam,
                Figures(team.ToList(), currency),
                team.GroupBy(r => r.OwnerId)
                    .Select(rep => new ForecastRep(rep.Key, userNames.GetValueOrDefault(rep.Key, ""), Figures(rep.ToList(), currency)))
                    .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.UserId).ToList()))
            .OrderBy(t => t.TeamId is null).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.TeamId).ToList();
        return new ForecastDto(period.Name, period.From, period.To, currency, teams, Figures(rows, currency));
    }

    public static ForecastFigures Figures(IReadOnlyCollection<ForecastRow> rows, string currency)
    {
        var weighted = rows.Sum(r => (decimal)r.WeightedMinorPercent);
        var unit = Money.FromMinorUnits(1, currency).Amount;
        return new ForecastFigures(
            Money.FromMinorUnits(rows.Sum(r => r.PipelineMinor), currency),
            Money.FromMinorUnits(RoundedMinor(weighted), currency),
            weighted / 100m * unit,
            Money.FromMinorUnits(rows.Sum(r => r.BestCaseMinor), currency),
            Money.FromMinorUnits(rows.Sum(r => r.CommitMinor), currency),
            Money.FromMinorUnits(rows.Sum(r => r.WonMinor), currency),
            rows.Sum(r => r.OpenCount), rows.Sum(r => r.BestCaseCount), rows.Sum(r => r.CommitCount), rows.Sum(r => r.WonCount));
    }

    /// <summary>Minor units × percent to minor units, half away from zero: the one rounding of a weighted amount.</summary>
    public static long RoundedMinor(decimal minorPercent) =>
        (long)Math.Round(minorPercent / 100m, 0, MidpointRounding.AwayFromZero);
}
