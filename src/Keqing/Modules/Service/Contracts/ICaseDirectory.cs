namespace Keqing.Modules.Service.Contracts;

/// <summary>A case as another module sees one.</summary>
public sealed record CaseRef(Guid Id, string Number, Guid CustomerId, Guid? ContactId, CaseStatus Status, string Subject);

/// <summary>
/// Cases for other modules (the inbound mailbox threads email into them, the portal adds a contact's replies), without
/// an access check: the caller has established who is writing (a mail's case token, a signed-in portal contact).
/// </summary>
public interface ICaseDirectory
{
    /// <summary>The case with this number (CS-2026-000123, any case) or token (its number as it appears in a mail subject: [CS-2026-000123]); null when none.</summary>
    Task<CaseRef?> FindByNumber(string numberOrToken, CancellationToken ct);

    /// <summary>
    /// Adds what the customer wrote to a case and saves: a waiting case opens again, a resolved case within the reopen
    /// window reopens; a closed case (or one resolved too long ago) gets a new follow-up case linked to it, whose id is
    /// returned. <paramref name="attachments"/> are files already checked by the caller's limits or not: they pass the
    /// same size and content checks as an agent's.
    /// </summary>
    Task<Guid> AddCustomerReply(Guid caseId, string body, IReadOnlyList<CaseFile>? attachments, CancellationToken ct);
}

/// <summary>A file to attach: name, declared content type and bytes.</summary>
public sealed record CaseFile(string FileName, string? ContentType, byte[] Content);
