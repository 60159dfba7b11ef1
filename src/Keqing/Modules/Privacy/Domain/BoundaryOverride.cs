using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Privacy.Domain;

/// <summary>One contact-boundary warning (DOMAIN P4) an employee went ahead despite: who, when, which rule, which customer.</summary>
public sealed class BoundaryOverride
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>quietHours, weeklyCap or personalOccasion.</summary>
    public required string Code { get; set; }
    public required string Message { get; set; }
    /// <summary>What was saved: interaction, task, campaign …</summary>
    public required string SourceType { get; set; }
    public Guid SourceId { get; set; }
    public DateTime At { get; set; }
}
