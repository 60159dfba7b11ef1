namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// An email to someone who is not a user (a customer's contact): already written in the reader's language, with a local
/// <see cref="Link"/> made absolute with <c>Keqing:Notifications:PublicUrl</c>. <see cref="IdempotencyKey"/> is unique per message.
/// </summary>
public sealed record OutboundEmail(string EventType, string Address, string Subject, string Body, string? Link, string Culture, string IdempotencyKey);

/// <summary>Queues an email to an address through the outbox, in the caller's unit of work (sent after its <c>SaveChanges</c>).</summary>
public interface IOutboundEmail
{
    void Queue(OutboundEmail email);
}
