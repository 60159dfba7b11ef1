using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>One touchpoint on a customer's timeline (DOMAIN T1), published by the module that owns the source record.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public DateTime OccurredAt { get; set; }
    public string Type { get; set; } = "";
    public string? Channel { get; set; }
    public Guid? UserId { get; set; }
    public Guid? TeamId { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    /// <summary>When what the entry stands for is due (UTC), if it has a due time.</summary>
    public DateTime? DueAt { get; set; }
    public string SourceModule { get; set; } = "";
    public Guid SourceId { get; set; }
}
