using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>One opportunity the caller may see (404 otherwise), with its stage history and the time spent in each stage.</summary>
public sealed class GetOpportunity(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users,
    OpportunityFilter filter, TimeProvider time)
{
    public async Task<OpportunityDto> Handle(Guid id, CancellationToken ct)
    {
        var o = await access.FindVisible(db.Set<Opportunity>().AsNoTracking(), id, ct);
        return await ToDto(o, ct);
    }

    public async Task<OpportunityDto> ToDto(Opportunity o, CancellationToken ct)
    {
        var changes = await db.Set<StageChange>().AsNoTracking().Where(c => c.OpportunityId == o.Id)
            .OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var stageIds = changes.Select(c => c.ToStageId).Append(o.StageId).Distinct().ToList();
        var stages = await db.Set<Stage>().AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var pipeline = await db.Set<Pipeline>().AsNoTracking().Where(p => p.Id == o.PipelineId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var names = await users.Names(changes.Where(c => c.UserId != null).Select(c => c.UserId!.Value).Append(o.OwnerId).Distinct(), ct);
        var customer = (await customers.Find([o.CustomerId], ct)).GetValueOrDefault(o.CustomerId);
        var now = time.GetUtcNow().UtcDateTime;
        var history = changes.Select((c, i) =>
        {
            DateTime? left = i + 1 < changes.Count ? changes[i + 1].ChangedAt : o.ClosedAt;
            return new StageStayDto(c.ToStageId, stages.GetValueOrDefault(c.ToStageId) ?? "", c.FromStageId, c.ChangedAt, left,
                Math.Round(((left ?? now) - c.ChangedAt).TotalDays, 2), c.UserId, c.UserId is { } u ? names.GetValueOrDefault(u) : null);
        }).ToList();
        return new OpportunityDto(o.Id, o.Name, o.CustomerId, customer?.Name ?? "", o.ContactId, o.Amount, o.ExpectedCloseDate,
            o.PipelineId, pipeline ?? "", o.StageId, stages.GetValueOrDefault(o.StageId) ?? "", o.Probability, o.ProbabilityOverridden,
            o.ForecastCategory, o.Status, o.OwnerId, names.GetValueOrDefault(o.OwnerId) ?? "", o.TeamId, o.Competitors, o.NextStep,
            o.CloseReason, o.LostTo, o.ClosedAt, o.StageEnteredAt, OpportunityFilter.IsStuck(o, await filter.Cutoffs(ct)), o.LeadId,
            o.CreatedAt, o.UpdatedAt, o.ArchivedAt, await access.CanWrite(o, ct), history, o.Version);
    }
}
