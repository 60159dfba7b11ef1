using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>Where an outbox message is: waiting (or retrying), delivered, or given up after the last attempt.</summary>
public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// A message leaving the process (an email, a robot post), written in the same transaction as the notification that
/// caused it and delivered by the <see cref="Jobs.OutboxDispatcher"/>: claimed under a lease, retried with backoff,
/// marked delivered once and never picked again. <see cref="IdempotencyKey"/> is unique per notification, channel and recipient.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = OrderedId.New();
    public required string IdempotencyKey { get; set; }
    public Guid? NotificationId { get; set; }
    public required string EventType { get; set; }
    public Channel Channel { get; set; }
    /// <summary>The user it is for (null for an admin's robot test).</summary>
    public Guid? RecipientUserId { get; set; }
    /// <summary>The robot it posts to (robot channels).</summary>
    public Guid? RobotId { get; set; }
    /// <summary>The email address it goes to (email channel).</summary>
    public string? Address { get; set; }
    /// <summary>The recipient's language the content was rendered in (zh-CN, en).</summary>
    public string Culture { get; set; } = "zh-CN";
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    /// <summary>The longest body kept (an agent's reply to a customer is up to 20 000 characters).</summary>
    public const int MaxBody = 25_000;
    /// <summary>An absolute link back to the record, or null.</summary>
    public string? Link { get; set; }
    /// <summary>Who it mentions in a group chat (the recipient's display name).</summary>
    public string? Mention { get; set; }
    /// <summary>Email to an outside address (<c>IEmailOutbox</c>): its Message-ID, without angle brackets; null: one made from <see cref="Id"/>.</summary>
    public string? MessageIdHeader { get; set; }
    /// <summary>The Message-ID it answers, and the thread's (space-separated, oldest first).</summary>
    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    /// <summary>Where answers go (a mailbox Keqing reads).</summary>
    public string? ReplyTo { get; set; }

    public DeliveryStatus Status { get; set; }
    /// <summary>Not delivered before this instant (quiet hours, retry backoff).</summary>
    public DateTime DueAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>The last failure: the robot's error code (errcode / code), an HTTP status, or Keqing's own code.</summary>
    public string? LastErrorCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
