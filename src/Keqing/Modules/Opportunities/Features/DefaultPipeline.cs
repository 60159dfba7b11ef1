using Keqing.Infrastructure.Data;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// The pipeline a new opportunity goes to when none is chosen. A new install has none until the first opportunity:
/// then a standard one is made (线索确认 → 需求分析 → 方案报价 → 商务谈判), which an admin renames or replaces.
/// </summary>
public sealed class DefaultPipeline(KeqingDb db, TimeProvider time)
{
    public static readonly (string Name, int Probability, int StuckAfterDays)[] StandardStages =
        [("线索确认", 10, 14), ("需求分析", 30, 21), ("方案报价", 60, 21), ("商务谈判", 80, 14)];

    public async Task<Pipeline> Get(CancellationToken ct)
    {
        var existing = await db.Set<Pipeline>().Where(p => p.ArchivedAt == null)
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.Order).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var now = time.GetUtcNow().UtcDateTime;
        var pipeline = new Pipeline { Name = "标准销售流程", IsDefault = true, CreatedAt = now, UpdatedAt = now };
        db.Add(pipeline);
        db.AddRange(StandardStages.Select((s, i) => new Stage
        {
            PipelineId = pipeline.Id, Name = s.Name, Order = i, Probability = s.Probability, StuckAfterDays = s.StuckAfterDays,
        }));
        return pipeline;
    }
}
