namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// What another module asks for when something should reach a user: the event type (see <see cref="EventTypes"/>), the
/// recipient, the title and body as English resource keys with <c>{0}</c>-style placeholders filled from
/// <see cref="Args"/> in the recipient's language (a <see cref="DateTime"/> argument is a UTC instant, shown in the
/// recipient's time zone as <c>yyyy-MM-dd HH:mm</c>), and a local link to the record (<c>/customers/…</c>).
/// </summary>
public sealed record NotificationRequest(
    string EventType,
    Guid RecipientUserId,
    string Title,
    string Body,
    string? Link = null,
    IReadOnlyList<object>? Args = null);

/// <summary>
/// Notifies a user: writes the in-app notification and queues the outbox messages for the channels the recipient chose
/// for this event type (after their quiet hours), all in the caller's unit of work — nothing is saved until the caller's
/// <c>SaveChanges</c>, so a notification exists exactly when the change that caused it does.
/// </summary>
public interface INotifier
{
    Task Notify(NotificationRequest request, CancellationToken ct);

    /// <summary>
    /// Many notifications at once (a scan's alarms): the same as <see cref="Notify"/> for each, but each recipient, their
    /// preferences and their team's robots are read once for the whole batch.
    /// </summary>
    Task NotifyMany(IReadOnlyList<NotificationRequest> requests, CancellationToken ct);
}
