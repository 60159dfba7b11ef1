using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Approvals.Domain;

/// <summary>
/// An approval flow for one record type: when its conditions all hold (an absent condition holds), a submitted record
/// goes through its ordered steps. The first active flow by <see cref="Priority"/> whose conditions hold is taken.
/// </summary>
[RecordType("approvals.flow")]
public sealed class ApprovalFlow : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string RecordType { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Active { get; set; } = true;
    /// <summary>Lower first.</summary>
    public int Priority { get; set; }
    /// <summary>Holds when the record's largest discount is above this many percent.</summary>
    public decimal? DiscountAbovePercent { get; set; }
    /// <summary>Holds when the record's amount (in this currency) is above this, in minor units (fen).</summary>
    public long? AmountAboveMinor { get; set; }
    public string? AmountCurrency { get; set; }
    /// <summary>Holds when the customer's grade is one of these (comma-separated); null: any grade.</summary>
    public string? CustomerGrades { get; set; }
    /// <summary>Holds when the record's largest discount is above the submitter's own discount limit.</summary>
    public bool DiscountAboveSubmitterLimit { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One step of a flow: who approves, whether one or all of them must, and what happens when nobody is found.</summary>
[RecordType("approvals.flow-step")]
public sealed class ApprovalFlowStep : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid FlowId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public ApproverKind Approver { get; set; }
    /// <summary>For <see cref="ApproverKind.Manager"/>: 1 = the submitter's manager, 2 = that manager's manager …</summary>
    public int ManagerLevel { get; set; } = 1;
    public string? Role { get; set; }
    /// <summary>For <see cref="ApproverKind.Users"/>: the named users, comma-separated ids.</summary>
    public string? UserIds { get; set; }
    public StepMode Mode { get; set; }
    public StepFallback Fallback { get; set; }
    public Guid? FallbackUserId { get; set; }
    public string? FallbackRole { get; set; }
}

/// <summary>
/// A record put up for approval: what was submitted, the facts it was judged on, and where it stands. Its title (which
/// names the customer) and reason, and the comments of its tasks and actions, are the customer's data in a data-subject
/// request (<c>ApprovalPersonalData</c>).
/// </summary>
[RecordType("approvals.request")]
public sealed class ApprovalRequest : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? FlowId { get; set; }
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public Guid SubmittedBy { get; set; }
    [Personal(Sensitivity.Private)] public string Title { get; set; } = "";
    public string Href { get; set; } = "";
    public decimal? DiscountPercent { get; set; }
    /// <summary>The largest discount the submitter could give without approval when they submitted (null: no limit).</summary>
    public decimal? DiscountLimitPercent { get; set; }
    public long? AmountMinor { get; set; }
    public string? AmountCurrency { get; set; }
    public string? CustomerGrade { get; set; }
    public Guid? CustomerId { get; set; }
    public ApprovalStatus Status { get; set; }
    /// <summary>The <see cref="ApprovalStep.Order"/> of the step waiting (pending requests only).</summary>
    public int? CurrentStep { get; set; }
    [Personal(Sensitivity.Private)] public string? Reason { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One step of one request, copied from its flow at submission (or added by an approver: 加签).</summary>
[RecordType("approvals.step")]
public sealed class ApprovalStep : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid RequestId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public StepMode Mode { get; set; }
    public StepStatus Status { get; set; }
    /// <summary>Why the step has the approvers it has, when a fallback chose them ("no manager: next level up").</summary>
    public string? Note { get; set; }
}

/// <summary>One approver's part of a step.</summary>
[RecordType("approvals.task")]
public sealed class ApprovalTask : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid RequestId { get; set; }
    public Guid StepId { get; set; }
    public Guid ApproverId { get; set; }
    /// <summary>The approver this task was handed on from (a delegation, standing or for this task).</summary>
    public Guid? OnBehalfOf { get; set; }
    public ApprovalTaskStatus Status { get; set; }
    [Personal(Sensitivity.Private)] public string? Comment { get; set; }
    public DateTime? DecidedAt { get; set; }
}

/// <summary>One line of a request's history: who did what, when, why.</summary>
[RecordType("approvals.action")]
public sealed class ApprovalAction : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid RequestId { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public ActionKind Kind { get; set; }
    public string? StepName { get; set; }
    public Guid? OtherUserId { get; set; }
    [Personal(Sensitivity.Private)] public string? Comment { get; set; }
}

/// <summary>A user away: the approvals that reach them between the two instants go to another user instead.</summary>
[RecordType("approvals.delegation")]
public sealed class ApprovalDelegation : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid FromUserId { get; set; }
    public Guid ToUserId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
