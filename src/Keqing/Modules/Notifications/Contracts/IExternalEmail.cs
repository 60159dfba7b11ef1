namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// An email to someone who is not a user (a customer's contact): the address, the language it is written in, the subject
/// and plain-text body already in that language, a local link made absolute with the public address, and a key that
/// makes queueing it twice a no-op.
/// </summary>
public sealed record ExternalEmail(string EventType, string Address, string Culture, string Subject, string Body, string? Link,
    string IdempotencyKey);

/// <summary>
/// Queues an email to an outside address through the outbox, in the caller's unit of work (nothing leaves until the
/// caller's <c>SaveChanges</c> commits; the dispatcher delivers and retries it like any other email).
/// </summary>
public interface IExternalEmail
{
    Task Queue(ExternalEmail email, CancellationToken ct);
}
