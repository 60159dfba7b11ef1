namespace Keqing.Modules.Mailbox.Contracts;

/// <summary>An unclaimed message waiting in the triage: who wrote, to which mailbox, what about, and the start of the text.</summary>
public sealed record TriageMessageDto(Guid Id, Guid MailboxId, string MailboxName, string From, string? FromName, string Subject,
    string Snippet, int Attachments, DateTime ReceivedAt);

/// <summary>
/// What the triage does with a message's sender: <paramref name="ContactId"/> gets the sender's address added (an existing
/// contact), or <paramref name="CustomerId"/> gets a new contact with it, named <paramref name="Name"/> (default: the
/// sender's display name).
/// </summary>
public sealed record TriageRequest(Guid? ContactId, Guid? CustomerId, string? Name);

/// <summary>What became of a triaged message: handed on (and to whom) or discarded.</summary>
public sealed record TriageResultDto(Guid Id, InboundStatus Status, string? HandledBy);
