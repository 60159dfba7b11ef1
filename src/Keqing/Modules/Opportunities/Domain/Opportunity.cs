using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;

namespace Keqing.Modules.Opportunities.Domain;

/// <summary>
/// A deal being worked with a customer (商机, DOMAIN S2): its amount in exact money, expected close date, pipeline
/// stage and probability, forecast category, owner, competitors and next step; won or lost with a listed reason.
/// </summary>
[RecordType("opportunities.opportunity")]
public sealed class Opportunity : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    public string Name { get; set; } = "";
    public Keqing.Infrastructure.Money.Money Amount { get; set; }
    public DateOnly ExpectedCloseDate { get; set; }
    public Guid PipelineId { get; set; }
    public Guid StageId { get; set; }
    /// <summary>0–100 %: the stage's default unless <see cref="ProbabilityOverridden"/>.</summary>
    public int Probability { get; set; }
    /// <summary>Set when the owner chose the probability; a stage move then keeps it.</summary>
    public bool ProbabilityOverridden { get; set; }
    public ForecastCategory ForecastCategory { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public List<string> Competitors { get; set; } = [];
    public string? NextStep { get; set; }
    public OpportunityStatus Status { get; set; }
    /// <summary>The won or lost reason (from the admin list, as text at the time).</summary>
    public string? CloseReason { get; set; }
    /// <summary>Who won the deal instead, when lost.</summary>
    public string? LostTo { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>When it entered its current stage: "stuck after N days" counts from here.</summary>
    public DateTime StageEnteredAt { get; set; }
    /// <summary>The lead it was converted from, if any.</summary>
    public Guid? LeadId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One move of an opportunity between stages (stage history); time in a stage is the gap to the next move.</summary>
public sealed class StageChange
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid OpportunityId { get; set; }
    /// <summary>Null for the first stage of a new opportunity.</summary>
    public Guid? FromStageId { get; set; }
    public Guid ToStageId { get; set; }
    public DateTime ChangedAt { get; set; }
    public Guid? UserId { get; set; }
}
