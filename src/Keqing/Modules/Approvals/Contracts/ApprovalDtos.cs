using System.Text.Json.Serialization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Approvals.Contracts;

/// <summary>Who approves a step.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApproverKind>))]
public enum ApproverKind
{
    /// <summary>The submitter's manager, N levels up the team hierarchy.</summary>
    [JsonStringEnumMemberName("manager")] Manager = 1,
    /// <summary>Every active user holding a role.</summary>
    [JsonStringEnumMemberName("role")] Role = 2,
    /// <summary>Named users.</summary>
    [JsonStringEnumMemberName("users")] Users = 3,
}

/// <summary>Whether one approver of a step is enough (或签) or all must approve (会签).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepMode>))]
public enum StepMode
{
    [JsonStringEnumMemberName("any")] Any = 1,
    [JsonStringEnumMemberName("all")] All = 2,
}

/// <summary>What a step does when it finds no approver (no manager, or only the submitter).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepFallback>))]
public enum StepFallback
{
    /// <summary>The next manager further up; admins when there is none.</summary>
    [JsonStringEnumMemberName("next-level")] NextLevelUp = 1,
    [JsonStringEnumMemberName("user")] User = 2,
    [JsonStringEnumMemberName("role")] Role = 3,
    [JsonStringEnumMemberName("auto-approve")] AutoApprove = 4,
}

[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    [JsonStringEnumMemberName("waiting")] Waiting = 1,
    [JsonStringEnumMemberName("pending")] Pending = 2,
    [JsonStringEnumMemberName("approved")] Approved = 3,
    [JsonStringEnumMemberName("rejected")] Rejected = 4,
    [JsonStringEnumMemberName("sent-back")] SentBack = 5,
    /// <summary>No approver was found and the flow says approve it.</summary>
    [JsonStringEnumMemberName("auto-approved")] AutoApproved = 6,
    /// <summary>The request ended (withdrawn) before this step was decided.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled = 7,
}

[JsonConverter(typeof(JsonStringEnumConverter<ApprovalTaskStatus>))]
public enum ApprovalTaskStatus
{
    [JsonStringEnumMemberName("waiting")] Waiting = 1,
    [JsonStringEnumMemberName("pending")] Pending = 2,
    [JsonStringEnumMemberName("approved")] Approved = 3,
    [JsonStringEnumMemberName("rejected")] Rejected = 4,
    [JsonStringEnumMemberName("sent-back")] SentBack = 5,
    [JsonStringEnumMemberName("delegated")] Delegated = 6,
    /// <summary>Another approver decided the step (any-one), or the request ended.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled = 7,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionKind>))]
public enum ActionKind
{
    [JsonStringEnumMemberName("submitted")] Submitted = 1,
    [JsonStringEnumMemberName("approved")] Approved = 2,
    [JsonStringEnumMemberName("rejected")] Rejected = 3,
    [JsonStringEnumMemberName("sent-back")] SentBack = 4,
    [JsonStringEnumMemberName("signer-added")] SignerAdded = 5,
    [JsonStringEnumMemberName("delegated")] Delegated = 6,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn = 7,
    [JsonStringEnumMemberName("auto-approved")] AutoApproved = 8,
}

/// <summary>One step of a flow as an admin sends and reads it.</summary>
public sealed record FlowStepInput(string? Name, ApproverKind? Approver, int? ManagerLevel, string? Role, IReadOnlyList<Guid>? UserIds,
    StepMode? Mode, StepFallback? Fallback, Guid? FallbackUserId, string? FallbackRole);

/// <summary>
/// A flow as an admin sends it: conditions (all optional, all must hold) and ordered steps.
/// <paramref name="DiscountAboveSubmitterLimit"/>: holds when the discount is above the submitter's own discount limit.
/// </summary>
public sealed record FlowInput(string? RecordType, string? Name, bool Active, int? Priority, decimal? DiscountAbovePercent, Money? AmountAbove,
    IReadOnlyList<string>? CustomerGrades, IReadOnlyList<FlowStepInput>? Steps, bool? DiscountAboveSubmitterLimit = null);

public sealed record FlowDto(Guid Id, string RecordType, string Name, bool Active, int Priority, decimal? DiscountAbovePercent, Money? AmountAbove,
    IReadOnlyList<string> CustomerGrades, IReadOnlyList<FlowStepInput> Steps, long Version, DateTime CreatedAt, bool DiscountAboveSubmitterLimit = false);

/// <summary>A record type flows can be made for: its key and its name in the caller's language.</summary>
public sealed record ApprovalRecordTypeDto(string Key, string Name);

/// <summary>A request in a list: the record, who submitted it, where it stands.</summary>
public sealed record ApprovalSummaryDto(Guid Id, string RecordType, Guid RecordId, string Title, string Href, ApprovalStatus Status,
    Guid SubmittedBy, string SubmitterName, DateTime SubmittedAt, DateTime? DecidedAt, string? CurrentStepName, long Version);

public sealed record ApprovalTaskDto(Guid Id, Guid ApproverId, string ApproverName, Guid? OnBehalfOf, ApprovalTaskStatus Status, string? Comment, DateTime? DecidedAt);

public sealed record ApprovalStepDto(Guid Id, int Order, string Name, StepMode Mode, StepStatus Status, string? Note, IReadOnlyList<ApprovalTaskDto> Tasks);

public sealed record ApprovalActionDto(Guid Id, DateTime At, Guid? UserId, string? UserName, ActionKind Kind, string? StepName, Guid? OtherUserId,
    string? OtherUserName, string? Comment);

/// <summary>One request with its steps, their approvers and its history; <see cref="CanAct"/>: the caller has a task waiting.</summary>
public sealed record ApprovalDetailDto(ApprovalSummaryDto Request, decimal? DiscountPercent, Money? Amount, string? CustomerGrade, string? Reason,
    IReadOnlyList<ApprovalStepDto> Steps, IReadOnlyList<ApprovalActionDto> Log, bool CanAct, bool CanWithdraw, decimal? DiscountLimitPercent = null)
{
    /// <summary>Who may act on the current step now (their pending tasks), by name; empty once decided.</summary>
    public IReadOnlyList<string> WaitingFor => Steps.Where(s => s.Status == StepStatus.Pending)
        .SelectMany(s => s.Tasks.Where(t => t.Status == ApprovalTaskStatus.Pending).Select(t => t.ApproverName)).ToList();
}

/// <summary>What an approver sends: a reason (required to reject or send back), a user (to add as a signer or hand the task to).</summary>
public sealed record ApprovalActionInput(string? Reason, Guid? UserId);

public sealed record DelegationInput(Guid? ToUserId, DateTime? StartsAt, DateTime? EndsAt);

public sealed record DelegationDto(Guid Id, Guid FromUserId, Guid ToUserId, string ToUserName, DateTime StartsAt, DateTime EndsAt, DateTime CreatedAt);
