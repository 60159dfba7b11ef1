using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;

namespace Keqing.Modules.Notifications.Features;

/// <summary>Adds an <see cref="OutboundEmail"/> to the outbox as an email-channel message, due now.</summary>
public sealed class EmailOutbox(KeqingDb db, Notifier notifier, TimeProvider clock) : IEmailOutbox
{
    public void Queue(OutboundEmail email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            IdempotencyKey = email.IdempotencyKey, EventType = email.EventType, Channel = Channel.Email, Address = email.To,
            Title = Clip(email.Subject, 500), Body = Clip(email.Body, OutboxMessage.MaxBody), MessageIdHeader = email.MessageId,
            InReplyTo = email.InReplyTo, References = References(email.References), ReplyTo = email.ReplyTo,
            Link = notifier.Absolute(email.Link), Culture = email.Culture ?? "zh-CN",
            Status = DeliveryStatus.Pending, DueAt = now, CreatedAt = now,
        };
        db.Add(message);
        var order = 0;
        foreach (var file in email.Attachments ?? [])
            db.Add(new OutboxAttachment
            {
                OutboxMessageId = message.Id, Order = order++, FileName = Clip(file.FileName, 260), ContentType = file.ContentType, Content = file.Content,
            });
    }

    public string PublicLink(string path) => notifier.Absolute(path) ?? path;

    /// <summary>Space-separated, keeping the newest ids that fit the column.</summary>
    private static string? References(IReadOnlyList<string>? ids)
    {
        if (ids is not { Count: > 0 }) return null;
        var kept = new List<string>();
        var length = 0;
        foreach (var id in ids.Reverse())
        {
            if (length + id.Length + 1 > 2000) break;
            kept.Insert(0, id);
            length += id.Length + 1;
        }
        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
