using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Opportunities.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// The forecast of a period per rep, per team and in total (DOMAIN S2): one grouped query over the counted opportunities
/// (by team and owner, with conditional sums), rolled up exactly in memory.
/// </summary>
public sealed class GetForecast(ForecastFilter filter, IUserDirectory users, IStringLocalizer<OpportunitiesResource> text)
{
    public async Task<ForecastDto> Handle(ForecastRequest request, CancellationToken ct)
    {
        var rows = await Rows(await filter.Counted(request, ct), ct);
        var names = await users.Names(rows.Select(r => r.OwnerId).Distinct(), ct);
        var teams = rows.Any(r => r.TeamId is not null)
            ? (await users.Teams(ct)).ToDictionary(t => t.Id, t => t.Name)
            : new Dictionary<Guid, string>();
        return ForecastRollup.Build(request.Period, request.Currency, rows, names, teams, text["No team"]);
    }

    /// <summary>The one set-based query: sums per team and owner (open by category, weighted as amount × probability, won).</summary>
    public static async Task<List<ForecastRow>> Rows(IQueryable<Opportunity> counted, CancellationToken ct) =>
        await counted
            .GroupBy(o => new { o.TeamId, o.OwnerId })
            .Select(g => new ForecastRow(
                g.Key.TeamId,
                g.Key.OwnerId,
                g.Sum(o => o.Status == OpportunityStatus.Open ? o.Amount.MinorUnits : 0L),
                g.Sum(o => o.Status == OpportunityStatus.Open ? o.Amount.MinorUnits * o.Probability : 0L),
                g.Sum(o => o.Status == OpportunityStatus.Open
                    && (o.ForecastCategory == ForecastCategory.BestCase || o.ForecastCategory == ForecastCategory.Commit) ? o.Amount.MinorUnits : 0L),
                g.Sum(o => o.Status == OpportunityStatus.Open && o.ForecastCategory == ForecastCategory.Commit ? o.Amount.MinorUnits : 0L),
                g.Sum(o => o.Status == OpportunityStatus.Won ? o.Amount.MinorUnits : 0L),
                g.Sum(o => o.Status == OpportunityStatus.Open ? 1 : 0),
                g.Sum(o => o.Status == OpportunityStatus.Open
                    && (o.ForecastCategory == ForecastCategory.BestCase || o.ForecastCategory == ForecastCategory.Commit) ? 1 : 0),
                g.Sum(o => o.Status == OpportunityStatus.Open && o.ForecastCategory == ForecastCategory.Commit ? 1 : 0),
                g.Sum(o => o.Status == OpportunityStatus.Won ? 1 : 0)))
            .ToListAsync(ct);
}
