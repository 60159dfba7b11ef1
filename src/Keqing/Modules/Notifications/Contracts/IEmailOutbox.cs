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
}

/// <summary>
/// Queues an email to an outside address through the outbox, in the caller's unit of work (nothing leaves before the
/// caller's SaveChanges commits; the outbox dispatcher delivers it with retries). No preferences or quiet hours apply:
/// it is not a notification of a user.
/// </summary>
public interface IEmailOutbox
{
    void Queue(OutboundEmail email);
}
