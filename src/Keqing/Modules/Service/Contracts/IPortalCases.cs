namespace Keqing.Modules.Service.Contracts;

/// <summary>
/// Whose cases a portal contact sees: the cases of their customer (organisation), or, when <see cref="ContactId"/> is
/// set, only those opened for that contact.
/// </summary>
public sealed record PortalCaseScope(Guid CustomerId, Guid? ContactId);

/// <summary>A case in the customer's list.</summary>
public sealed record PortalCaseSummary(Guid Id, string Number, string Subject, CaseType Type, CaseStatus Status, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A case as the customer reads it: the public conversation only (replies and the customer's messages, never internal notes).</summary>
public sealed record PortalCaseDto(Guid Id, string Number, string Subject, string? Description, CaseType Type, CaseStatus Status,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<PortalMessageDto> Messages);

/// <summary>A public message: from the customer, or a reply by <see cref="AuthorName"/>.</summary>
public sealed record PortalMessageDto(Guid Id, bool FromCustomer, string Body, string? AuthorName, DateTime At, IReadOnlyList<CaseAttachmentDto> Attachments);

/// <summary>A file of a public message, to download.</summary>
public sealed record PortalFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Cases for the customer portal, scoped to what the signed-in contact may see (<see cref="PortalCaseScope"/>); a case
/// or file outside the scope, an internal note's file or one not yet sent, is null (the portal answers 404).
/// </summary>
public interface IPortalCases
{
    Task<IReadOnlyList<PortalCaseSummary>> List(PortalCaseScope scope, int limit, CancellationToken ct);

    Task<PortalCaseDto?> Find(PortalCaseScope scope, Guid caseId, CancellationToken ct);

    Task<PortalFile?> File(PortalCaseScope scope, Guid attachmentId, CancellationToken ct);

    /// <summary>
    /// Opens a case for the contact (channel portal), owned by the customer's owner, with the files on the contact's first
    /// message and the product it is about when the contact named one (so it reaches an agent with that product line);
    /// 400 with field errors (subject, description, type, productId, files) when refused. Returns the case's id.
    /// </summary>
    Task<Guid> Open(Guid customerId, Guid contactId, string? subject, string? description, CaseType? type, Guid? productId, IReadOnlyList<CaseFile> files,
        CancellationToken ct);

    /// <summary>What the contact wrote to a case in scope (with files); the id of the case it went to (a follow-up for a closed one); null when out of scope.</summary>
    Task<Guid?> Reply(PortalCaseScope scope, Guid caseId, string? body, IReadOnlyList<CaseFile> files, CancellationToken ct);
}
