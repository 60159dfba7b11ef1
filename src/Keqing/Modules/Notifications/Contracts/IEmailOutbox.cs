namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// An email to someone outside Keqing (a customer), with the headers that thread a conversation: its own Message-ID
/// (without angle brackets) so the answer can be matched, the Message-IDs it answers, and where answers go.
/// <paramref name="IdempotencyKey"/> is unique per email (queueing the same key twice is a bug of the caller).
/// </summary>
public sealed record OutboundEmail(
    string IdempotencyKey,
    string EventType,
    string To,
    string Subject,
    string Body,
    string MessageId,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null,
    string? ReplyTo = null);

/// <summary>
/// Queues an email to an outside address through the outbox, in the caller's unit of work (nothing leaves before the
/// caller's SaveChanges commits; the outbox dispatcher delivers it with retries). No preferences or quiet hours apply:
/// it is not a notification of a user.
/// </summary>
public interface IEmailOutbox
{
    void Queue(OutboundEmail email);
}
