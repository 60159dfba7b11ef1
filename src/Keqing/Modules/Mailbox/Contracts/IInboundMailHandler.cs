namespace Keqing.Modules.Mailbox.Contracts;

/// <summary>
/// One accepted inbound message, as a handler sees it: the headers threading needs (Message-ID, In-Reply-To,
/// References, subject), the sender and recipients, the bodies and the ids of its stored attachments.
/// </summary>
/// <param name="Id">The stored message's id (<c>mailbox_messages</c>).</param>
/// <param name="MailboxId">The mailbox it came into.</param>
/// <param name="MessageId">Its Message-ID without angle brackets (one Keqing made up from the content when it had none).</param>
/// <param name="InReplyTo">The Message-ID it answers, without angle brackets, or null.</param>
/// <param name="References">The Message-IDs of the thread, oldest first, without angle brackets.</param>
/// <param name="From">The sender's address (lower case).</param>
/// <param name="FromName">The sender's display name, or null.</param>
/// <param name="To">The To and Cc addresses.</param>
/// <param name="Subject">The Subject header (where Service finds its case token).</param>
/// <param name="Date">The Date header as a UTC instant, or when it arrived when the header was missing.</param>
/// <param name="TextBody">The plain-text body, or null.</param>
/// <param name="HtmlBody">The HTML body after sanitising (no scripts, event handlers or forms), or null.</param>
/// <param name="AttachmentIds">The stored attachments (<c>mailbox_attachments</c>).</param>
/// <param name="Language">The language tag its Content-Language header declares (the first one, if well-formed: <c>LanguageTag</c>), or null.</param>
public sealed record InboundMail(
    Guid Id,
    Guid MailboxId,
    string MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string From,
    string? FromName,
    IReadOnlyList<string> To,
    string Subject,
    DateTime Date,
    string? TextBody,
    string? HtmlBody,
    IReadOnlyList<Guid> AttachmentIds,
    string? Language = null);

/// <summary>
/// An extension point for modules that act on inbound mail (Service: open a case or thread a reply). Contributed through
/// a module's manifest; asked once per accepted message, in registration order, until one takes it. It runs inside the
/// unit of work that stores the message: what it adds to the scope's database commits together with the message, and a
/// message is never handed on twice. Held messages (auto-replies, bounces, lists, loops, a sender over the rate cap)
/// are never handed on.
/// </summary>
public interface IInboundMailHandler
{
    /// <summary>A stable name, recorded on the message that this handler took (e.g. <c>service.cases</c>).</summary>
    string Name { get; }

    /// <summary>True when this handler took the message; false to let the next one have it. Must not call SaveChanges.</summary>
    Task<bool> Handle(InboundMail mail, CancellationToken ct);
}
