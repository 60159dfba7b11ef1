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
                g.Where(o => o.Status == OpportunityStatus.Open).Sum(o => o.Amount.MinorUnits),
                g.Where(o => o.Status == OpportunityStatus.Open).Sum(o => o.Amount.MinorUnits * o.Probability),
                g.Where(o => o.Status == OpportunityStatus.Open
                    && (o.ForecastCategory == ForecastCategory.BestCase || o.ForecastCategory == ForecastCategory.Commit)).Sum(o => o.Amount.MinorUnits),
                g.Where(o => o.Status == OpportunityStatus.Open && o.ForecastCategory == ForecastCategory.Commit).Sum(o => o.Amount.MinorUnits),
                g.Where(o => o.Status == OpportunityStatus.Won).Sum(o => o.Amount.MinorUnits),
                g.Count(o => o.Status == OpportunityStatus.Open),
                g.Count(o => o.Status == OpportunityStatus.Open
                    && (o.ForecastCategory == ForecastCategory.BestCase || o.ForecastCategory == ForecastCategory.Commit)),
                g.Count(o => o.Status == OpportunityStatus.Open && o.ForecastCategory == ForecastCategory.Commit),
                g.Count(o => o.Status == OpportunityStatus.Won)))
            .ToListAsync(ct);
}
