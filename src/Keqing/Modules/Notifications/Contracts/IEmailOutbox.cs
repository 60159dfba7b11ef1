namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// An email to someone who is not a user (a customer's contact), already written in the reader's language: a case reply,
/// a survey, a portal sign-in link. For a conversation, the headers that thread it: its own Message-ID (without angle
/// brackets) so the answer can be matched, the Message-IDs it answers, and where answers go. <see cref="Link"/> is a
/// local path, made absolute with <c>Keqing:Notifications:PublicUrl</c>. <paramref name="IdempotencyKey"/> is unique per
/// email (queueing the same key twice is a bug of the caller).
/// </summary>
public sealed record OutboundEmail(
    string IdempotencyKey,
    string EventType,
    string To,
    string Subject,
    string Body,
    string? MessageId = null,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null,
    string? ReplyTo = null)
{
    public string? Link { get; init; }
    /// <summary>The language it is written in (for the outbox's record), e.g. zh-CN.</summary>
    public string? Culture { get; init; }
    /// <summary>Files sent as MIME parts of the email, in this order (kept with the outbox message until it is delivered).</summary>
    public IReadOnlyList<EmailAttachment>? Attachments { get; init; }
}

/// <summary>A file of an <see cref="OutboundEmail"/>: its name (any characters; sent UTF-8 encoded), checked content type, and bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Queues an email to an outside address through the outbox, in the caller's unit of work (nothing leaves before the
/// caller's SaveChanges commits; the outbox dispatcher delivers it with retries). No preferences or quiet hours apply:
/// it is not a notification of a user.
/// </summary>
public interface IEmailOutbox
{
    void Queue(OutboundEmail email);

    /// <summary>A local path (<c>/survey/…</c>) made absolute with <c>Keqing:Notifications:PublicUrl</c>, for links written into a body.</summary>
    string PublicLink(string path);
}
