using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Opportunities.Contracts;

namespace Keqing.Modules.Opportunities.Domain;

/// <summary>A sales pipeline (销售漏斗, DOMAIN S2) such as 医院设备 or 经销商渠道, with its ordered stages.</summary>
[RecordType("opportunities.pipeline")]
public sealed class Pipeline : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
    public int Order { get; set; }
    /// <summary>The pipeline a new opportunity goes to when none is chosen (exactly one).</summary>
    public bool IsDefault { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One open stage of a pipeline: its place, default probability and when an opportunity in it is stuck.</summary>
[RecordType("opportunities.stage")]
public sealed class Stage : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid PipelineId { get; set; }
    public string Name { get; set; } = "";
    public int Order { get; set; }
    /// <summary>The default probability of winning, 0–100 %, of an opportunity in this stage.</summary>
    public int Probability { get; set; }
    /// <summary>An opportunity sitting in this stage longer than this many days is flagged as stuck.</summary>
    public int? StuckAfterDays { get; set; }
    public DateTime? ArchivedAt { get; set; }
}

/// <summary>A won or lost reason an admin lists.</summary>
[RecordType("opportunities.close-reason")]
public sealed class CloseReason : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public CloseReasonKind Kind { get; set; }
    public string Text { get; set; } = "";
    public int Order { get; set; }
    public bool Active { get; set; } = true;
}
