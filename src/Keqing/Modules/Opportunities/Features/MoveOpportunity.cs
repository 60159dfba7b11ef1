using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Moves an open opportunity to another stage of its pipeline (the board's drag and drop, the card's stage picker): a
/// stage change is recorded, the time in stage starts again, and the probability becomes the new stage's unless the
/// owner overrode it. Moving to the stage it is in changes nothing.
/// </summary>
public sealed class MoveOpportunity(KeqingDb db, SaveOpportunity opportunities, OpportunityTimeline timeline, CurrentUser currentUser,
    GetOpportunity get, TimeProvider time)
{
    public async Task<OpportunityDto> Handle(Guid id, MoveRequest request, CancellationToken ct)
    {
        var o = await opportunities.Writable(id, ct);
        if (request.StageId is not { } stageId) throw new ValidationFailedException("stageId", FieldErrors.Text("Required."));
        if (o.Status != OpportunityStatus.Open) throw new ConflictException(FieldErrors.Text("A won or lost opportunity stays where it closed."));
        var stages = await db.Set<Stage>().Where(s => s.Id == stageId || s.Id == o.StageId).ToListAsync(ct);
        var to = stages.FirstOrDefault(s => s.Id == stageId && s.PipelineId == o.PipelineId && s.ArchivedAt == null)
                 ?? throw new ValidationFailedException("stageId", FieldErrors.Text("Not a stage of this pipeline."));
        if (to.Id == o.StageId) return await get.ToDto(o, ct);

        var now = time.GetUtcNow().UtcDateTime;
        var change = new StageChange { OpportunityId = o.Id, FromStageId = o.StageId, ToStageId = to.Id, ChangedAt = now, UserId = currentUser.UserId };
        db.Add(change);
        var from = stages.FirstOrDefault(s => s.Id == o.StageId)?.Name ?? "";
        o.StageId = to.Id;
        o.StageEnteredAt = now;
        if (!o.ProbabilityOverridden) o.Probability = to.Probability;
        o.UpdatedAt = now;
        await timeline.Moved(o, change, from, to.Name, currentUser.UserId, ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(o, ct);
    }
}
