using System.Text.Json.Serialization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Approvals.Contracts;

/// <summary>What the Approvals module lets a role do (granted in <see cref="ApprovalsModule"/>'s manifest).</summary>
public static class ApprovalsCapabilities
{
    /// <summary>See and act on the approvals waiting for oneself; follow one's own requests.</summary>
    public const string Act = "approvals.act";
    /// <summary>Define approval flows for record types (admin).</summary>
    public const string ManageFlows = "approvals.flows.manage";
}

/// <summary>
/// The approval engine (审批流, DOMAIN C6) for other modules: submit a record, ask its state; the owning module learns
/// the outcome through its <see cref="IApprovalOutcomeHandler"/>. Quotes use it now; contracts, payments, invoices and
/// discounts later.
/// </summary>
public interface IApprovals
{
    /// <summary>
    /// Starts the approval of a record under the first matching flow of its record type. When no flow matches, the
    /// request is approved at once (<see cref="ApprovalState.Status"/> Approved, no steps) and the handler is called;
    /// except when the discount is above the submitter's limit (<see cref="ApprovalFacts.DiscountLimitPercent"/>): then
    /// the submitter's manager decides, in one step of its own (fallback: the administrators).
    /// A record with a pending request cannot be submitted again (an <see cref="InvalidOperationException"/>).
    /// </summary>
    Task<ApprovalState> Submit(ApprovalSubmission submission, CancellationToken ct);

    /// <summary>The latest request of a record, or null when it was never submitted.</summary>
    Task<ApprovalState?> StateOf(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>
    /// The latest request of a record in full (steps, who may act on the current one, the history), for the record's own
    /// page; null when it was never submitted. The owning module has checked that the viewer may see the record;
    /// <see cref="ApprovalDetailDto.CanAct"/> and <see cref="ApprovalDetailDto.CanWithdraw"/> are the viewer's.
    /// </summary>
    Task<ApprovalDetailDto?> Current(string recordType, Guid recordId, Guid viewerId, CancellationToken ct);

    /// <summary>Withdraws a pending request (the submitter changed their mind); no-op when none is pending.</summary>
    Task Withdraw(string recordType, Guid recordId, Guid userId, CancellationToken ct);

    /// <summary>How many approvals are waiting for the user now (the to-do centre's count).</summary>
    Task<int> PendingCount(Guid userId, CancellationToken ct);
}

/// <summary>A record put up for approval, with the facts a flow's conditions test.</summary>
/// <param name="RecordType">The record type key (<c>quotes.quote</c>).</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="SubmittedBy">The user who submits (the start of a manager chain; never one of its approvers).</param>
/// <param name="Title">What approvers see in their list ("报价 Q-2026-00012 · 明远医疗 · ¥128,000.00").</param>
/// <param name="Href">The record's page.</param>
/// <param name="Facts">What the flows' conditions test.</param>
public sealed record ApprovalSubmission(string RecordType, Guid RecordId, Guid SubmittedBy, string Title, string Href, ApprovalFacts Facts);

/// <summary>
/// The facts a flow condition can test: the largest discount in percent, the amount, the customer's grade, and the
/// largest discount the submitter may give without approval (null: no limit).
/// </summary>
public sealed record ApprovalFacts(decimal? DiscountPercent, Money? Amount, string? CustomerGrade, Guid? CustomerId,
    decimal? DiscountLimitPercent = null)
{
    /// <summary>The discount is above the submitter's limit (false when either is unknown).</summary>
    public bool AboveDiscountLimit => DiscountPercent is { } d && DiscountLimitPercent is { } limit && d > limit;
}

/// <summary>Where an approval request stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalStatus>))]
public enum ApprovalStatus
{
    [JsonStringEnumMemberName("pending")] Pending = 1,
    [JsonStringEnumMemberName("approved")] Approved = 2,
    [JsonStringEnumMemberName("rejected")] Rejected = 3,
    /// <summary>Returned to the submitter to change and submit again (退回).</summary>
    [JsonStringEnumMemberName("sent-back")] SentBack = 4,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn = 5,
}

/// <summary>A request's state: its status, the step waiting (if pending) and who may act on it now.</summary>
public sealed record ApprovalState(Guid RequestId, string RecordType, Guid RecordId, ApprovalStatus Status,
    string? CurrentStepName, IReadOnlyList<Guid> WaitingFor, string? Reason, DateTime SubmittedAt, DateTime? DecidedAt, Guid SubmittedBy = default);

/// <summary>
/// The owning module's side of a record type under approval: told when a request ends (approved, rejected, sent back,
/// withdrawn). Called inside the engine's unit of work before it saves, so changes the handler makes through the same
/// scoped <c>KeqingDb</c> commit together with the decision. Contributed through the module manifest.
/// </summary>
public interface IApprovalOutcomeHandler
{
    /// <summary>The record type this handler owns (<c>quotes.quote</c>).</summary>
    string RecordType { get; }

    /// <summary>The record type's name as an admin reads it, in the current language ("报价"); the key by default.</summary>
    string DisplayName => RecordType;

    Task Decided(ApprovalOutcome outcome, CancellationToken ct);
}

/// <summary>How a request ended and who ended it (the last approver, or the submitter for a withdrawal).</summary>
public sealed record ApprovalOutcome(Guid RequestId, string RecordType, Guid RecordId, ApprovalStatus Status, Guid DecidedBy, string? Reason);
