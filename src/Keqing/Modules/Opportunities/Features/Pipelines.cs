using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Pipelines and their ordered stages: listed for everyone who works opportunities, set up by admins. A PUT sends the
/// stages in order (existing ones by id); a live stage left out is archived, which it may be only when no open
/// opportunity sits in it. Exactly one live pipeline is the default.
/// </summary>
public sealed class Pipelines(KeqingDb db, TimeProvider time)
{
    public const int MaxStages = 20;

    public async Task<IReadOnlyList<PipelineDto>> List(CancellationToken ct)
    {
        var pipelines = await db.Set<Pipeline>().AsNoTracking().Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Order).ThenBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var ids = pipelines.Select(p => p.Id).ToList();
        var stages = await db.Set<Stage>().AsNoTracking().Where(s => ids.Contains(s.PipelineId) && s.ArchivedAt == null).ToListAsync(ct);
        return pipelines.Select(p => ToDto(p, stages)).ToList();
    }

    public async Task<PipelineDto> Get(Guid id, CancellationToken ct)
    {
        var pipeline = await db.Set<Pipeline>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct)
                       ?? throw new NotFoundException("pipeline");
        return ToDto(pipeline, await db.Set<Stage>().AsNoTracking().Where(s => s.PipelineId == id && s.ArchivedAt == null).ToListAsync(ct));
    }

    public async Task<PipelineDto> Create(PipelineInput input, CancellationToken ct)
    {
        Check(input, new HashSet<Guid>()).ThrowIfAny();
        var now = time.GetUtcNow().UtcDateTime;
        var pipeline = new Pipeline
        {
            Name = input.Name!.Trim(), CreatedAt = now, UpdatedAt = now,
            Order = input.Order ?? (await db.Set<Pipeline>().MaxAsync(p => (int?)p.Order, ct) ?? 0) + 1,
            IsDefault = input.IsDefault || !await db.Set<Pipeline>().AnyAsync(p => p.ArchivedAt == null, ct),
        };
        db.Add(pipeline);
        if (pipeline.IsDefault) await ClearOtherDefaults(pipeline.Id, ct);
        var stages = input.Stages!.Select((s, i) => NewStage(pipeline.Id, s, i)).ToList();
        db.AddRange(stages);
        await db.SaveChangesAsync(ct);
        return ToDto(pipeline, stages);
    }

    public async Task<PipelineDto> Update(Guid id, long expectedVersion, PipelineInput input, CancellationToken ct)
    {
        var pipeline = await db.Set<Pipeline>().FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct) ?? throw new NotFoundException("pipeline");
        var live = await db.Set<Stage>().Where(s => s.PipelineId == id && s.ArchivedAt == null).ToListAsync(ct);
        var errors = Check(input, live.Select(s => s.Id).ToHashSet());
        var kept = input.Stages?.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet() ?? [];
        var dropped = live.Where(s => !kept.Contains(s.Id)).ToList();
        var droppedIds = dropped.Select(s => s.Id).ToList();
        if (droppedIds.Count > 0 && await db.Set<Opportunity>().AnyAsync(o => droppedIds.Contains(o.StageId) && o.Status == OpportunityStatus.Open && o.ArchivedAt == null, ct))
            errors.Add("stages", FieldErrors.Text("A stage with open opportunities cannot be removed; move them first."));
        if (!input.IsDefault && pipeline.IsDefault)
            errors.Add("isDefault", FieldErrors.Text("Make another pipeline the default instead."));
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, pipeline, expectedVersion);

        var now = time.GetUtcNow().UtcDateTime;
        pipeline.Name = input.Name!.Trim();
        if (input.Order is { } order) pipeline.Order = order;
        if (input.IsDefault && !pipeline.IsDefault)
        {
            pipeline.IsDefault = true;
            await ClearOtherDefaults(pipeline.Id, ct);
        }
        pipeline.UpdatedAt = now;
        // A change of stages alone is a new version of the pipeline too (the audit interceptor bumps it when a column changed).
        if (!db.Entry(pipeline).Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))) pipeline.Version++;
        foreach (var stage in dropped) stage.ArchivedAt = now;
        var byId = live.ToDictionary(s => s.Id);
        var stages = new List<Stage>();
        foreach (var (s, i) in input.Stages!.Select((s, i) => (s, i)))
        {
            if (s.Id is { } stageId)
            {
                var stage = byId[stageId];
                stage.Name = s.Name!.Trim();
                stage.Order = i;
                stage.Probability = s.Probability!.Value;
                stage.StuckAfterDays = s.StuckAfterDays;
                stages.Add(stage);
            }
            else
            {
                var stage = NewStage(pipeline.Id, s, i);
                db.Add(stage);
                stages.Add(stage);
            }
        }
        await db.SaveChangesAsync(ct);
        return ToDto(pipeline, stages);
    }

    /// <summary>Archives a pipeline without open opportunities; the default passes to the next pipeline.</summary>
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var pipeline = await db.Set<Pipeline>().FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct) ?? throw new NotFoundException("pipeline");
        if (await db.Set<Opportunity>().AnyAsync(o => o.PipelineId == id && o.Status == OpportunityStatus.Open && o.ArchivedAt == null, ct))
            throw new ConflictException(FieldErrors.Text("This pipeline still has open opportunities; move or close them first."));
        var now = time.GetUtcNow().UtcDateTime;
        pipeline.ArchivedAt = pipeline.UpdatedAt = now;
        if (pipeline.IsDefault)
        {
            pipeline.IsDefault = false;
            var next = await db.Set<Pipeline>().Where(p => p.Id != id && p.ArchivedAt == null).OrderBy(p => p.Order).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
            if (next is not null) next.IsDefault = true;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task ClearOtherDefaults(Guid id, CancellationToken ct)
    {
        foreach (var other in await db.Set<Pipeline>().Where(p => p.Id != id && p.IsDefault).ToListAsync(ct)) other.IsDefault = false;
    }

    private static Stage NewStage(Guid pipelineId, StageInput s, int order) => new()
    {
        PipelineId = pipelineId, Name = s.Name!.Trim(), Order = order, Probability = s.Probability!.Value, StuckAfterDays = s.StuckAfterDays,
    };

    private static FieldErrors Check(PipelineInput input, IReadOnlySet<Guid> liveStageIds)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 100);
        var stages = input.Stages ?? [];
        if (stages.Count is 0 or > MaxStages) errors.Add("stages", FieldErrors.Text("A pipeline has 1 to {0} stages.", MaxStages));
        for (var i = 0; i < stages.Count && i < MaxStages; i++)
        {
            var s = stages[i];
            if (s is null)
            {
                errors.Add($"stages[{i}]", FieldErrors.Text("Required."));
                continue;
            }
            errors.Required($"stages[{i}].name", s.Name).MaxLength($"stages[{i}].name", s.Name, 100);
            if (s.Probability is not (>= 0 and <= 100)) errors.Add($"stages[{i}].probability", FieldErrors.Text("The probability is 0 to 100."));
            if (s.StuckAfterDays is < 1 or > 3650) errors.Add($"stages[{i}].stuckAfterDays", FieldErrors.Text("Stuck after 1 to 3650 days, or empty for never."));
            if (s.Id is { } stageId && !liveStageIds.Contains(stageId)) errors.Add($"stages[{i}].id", FieldErrors.Text("Not a stage of this pipeline."));
        }
        if (stages.Where(s => s?.Id is not null).GroupBy(s => s.Id).Any(g => g.Count() > 1)) errors.Add("stages", FieldErrors.Text("A stage is listed twice."));
        if (stages.Where(s => s?.Name is not null).GroupBy(s => s.Name!.Trim()).Any(g => g.Count() > 1)) errors.Add("stages", FieldErrors.Text("Two stages have the same name."));
        return errors;
    }

    public static PipelineDto ToDto(Pipeline p, IEnumerable<Stage> stages) => new(p.Id, p.Name, p.Order, p.IsDefault,
        stages.Where(s => s.PipelineId == p.Id && s.ArchivedAt == null).OrderBy(s => s.Order).Select(ToDto).ToList(), p.Version);

    public static StageDto ToDto(Stage s) => new(s.Id, s.Name, s.Order, s.Probability, s.StuckAfterDays);
}
