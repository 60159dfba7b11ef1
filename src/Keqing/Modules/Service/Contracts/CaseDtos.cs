namespace Keqing.Modules.Service.Contracts;

/// <summary>One case with its conversation (oldest first), its links and what the caller may do.</summary>
public sealed record CaseDto(
    Guid Id, string Number, string Subject, string? Description, CaseType Type, CasePriority Priority, Guid? CategoryId, string? CategoryName,
    Guid CustomerId, string CustomerName, Guid? ContactId, string? ContactName, Guid? ProductId, string? ProductName,
    Guid OwnerId, string? OwnerName, Guid? TeamId, CaseChannel Channel, CaseStatus Status,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstResponseAt, DateTime? ResolvedAt, DateTime? ClosedAt,
    Guid? MergedIntoId, string? MergedIntoNumber, bool CanReopen,
    IReadOnlyList<CaseMessageDto> Messages, IReadOnlyList<LinkedCaseDto> Links, long Version, string? Language = null);

/// <summary>A row of the case list; <paramref name="Sla"/> its SLA clock at a glance (null without one).</summary>
public sealed record CaseSummaryDto(
    Guid Id, string Number, string Subject, CaseType Type, CasePriority Priority, CaseStatus Status, Guid CustomerId, string CustomerName,
    Guid OwnerId, string? OwnerName, Guid? TeamId, Guid? CategoryId, DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstResponseAt,
    global::Keqing.Modules.Sla.Contracts.SlaGlance? Sla = null);

public sealed record CaseMessageDto(Guid Id, CaseMessageKind Kind, string Body, Guid? AuthorId, string? AuthorName, DateTime At,
    IReadOnlyList<CaseAttachmentDto> Attachments);

public sealed record CaseAttachmentDto(Guid Id, string FileName, string ContentType, long Size, DateTime UploadedAt);

/// <summary>A case linked to this one; <paramref name="Kind"/> as seen from this case.</summary>
public sealed record LinkedCaseDto(Guid Id, string Number, string Subject, CaseStatus Status, CaseLinkKind Kind);

public sealed record CreateCaseRequest(
    Guid CustomerId, string? Subject, string? Description, CaseType? Type, CasePriority? Priority, Guid? CategoryId,
    Guid? ContactId, Guid? ProductId, CaseChannel? Channel, Guid? OwnerId, string? Language = null);

/// <summary>A case's fields; <paramref name="Language"/> null keeps the case's language, empty clears it.</summary>
public sealed record UpdateCaseRequest(
    string? Subject, string? Description, CaseType? Type, CasePriority? Priority, Guid? CategoryId, Guid? ContactId, Guid? ProductId,
    string? Language = null);

/// <summary>A public reply or an internal note; <paramref name="WaitOnCustomer"/> (replies only) sets the case waiting on the customer.</summary>
public sealed record CaseMessageRequest(string? Body, IReadOnlyList<Guid>? AttachmentIds, bool WaitOnCustomer = false);

public sealed record AssignCaseRequest(Guid? OwnerId);

public sealed record MergeCaseRequest(Guid? IntoId);

public sealed record LinkCaseRequest(Guid? OtherId);

public sealed record CaseCategoryDto(Guid Id, Guid? ParentId, string Name, int Order, string Path);

public sealed record CaseCategoryInput(string? Name, Guid? ParentId, int Order = 0);
