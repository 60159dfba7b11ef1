using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>Turns opportunities into what lists and cards show: with customer, stage and owner names and the stuck flag.</summary>
public sealed class OpportunityMapping(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, OpportunityFilter filter)
{
    public async Task<List<OpportunitySummaryDto>> Summaries(IReadOnlyList<Opportunity> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var customerNames = await customers.Find(rows.Select(o => o.CustomerId).Distinct(), ct);
        var ownerNames = await users.Names(rows.Select(o => o.OwnerId).Distinct(), ct);
        var stageIds = rows.Select(o => o.StageId).Distinct().ToList();
        var stageNames = await db.Set<Stage>().AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var cutoffs = await filter.Cutoffs(ct);
        return rows.Select(o => new OpportunitySummaryDto(
            o.Id, o.Name, o.CustomerId, customerNames.GetValueOrDefault(o.CustomerId)?.Name ?? "", o.Amount, o.ExpectedCloseDate,
            o.PipelineId, o.StageId, stageNames.GetValueOrDefault(o.StageId) ?? "", o.Probability, o.ForecastCategory, o.Status,
            o.OwnerId, ownerNames.GetValueOrDefault(o.OwnerId) ?? "", o.TeamId, OpportunityFilter.IsStuck(o, cutoffs),
            o.StageEnteredAt, o.CreatedAt, o.Version)).ToList();
    }
}
