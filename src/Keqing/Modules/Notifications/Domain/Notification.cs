using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>One in-app notification of one user (the bell and the list), already rendered in the user's language.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public required string EventType { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    /// <summary>A local path to the record (<c>/customers/…</c>), or null.</summary>
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
