namespace Keqing.Modules.Mailbox.Contracts;

/// <summary>A stored attachment of an inbound message: its name, the type the sender declared, and its bytes.</summary>
public sealed record InboundFile(Guid Id, string FileName, string ContentType, byte[] Data);

/// <summary>What other modules read of the mailboxes: the files of a message being handed on, and where answers should go.</summary>
public interface IMailboxDirectory
{
    /// <summary>
    /// The attachments with these ids (<see cref="InboundMail.AttachmentIds"/>), including those of the message being
    /// handed on in this unit of work, not yet saved. Attachments too large to keep come back with no bytes.
    /// </summary>
    Task<IReadOnlyList<InboundFile>> Files(IReadOnlyList<Guid> ids, CancellationToken ct);

    /// <summary>
    /// The address customers should answer to: that of the mailbox <paramref name="mailboxId"/> when given and still
    /// enabled, else of the oldest enabled mailbox; null when there is none.
    /// </summary>
    Task<string?> ReplyAddress(Guid? mailboxId, CancellationToken ct);
}
