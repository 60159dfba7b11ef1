using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Features;

/// <summary>An outbox row for an email to an address (<see cref="IOutboundEmail"/>); the dispatcher sends it like any other.</summary>
public sealed class OutboundEmailQueue(KeqingDb db, IOptions<NotificationOptions> options, TimeProvider clock) : IOutboundEmail
{
    public void Queue(OutboundEmail email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var publicUrl = options.Value.PublicUrl;
        db.Add(new OutboxMessage
        {
            IdempotencyKey = email.IdempotencyKey, EventType = email.EventType, Channel = Channel.Email, Address = email.Address,
            Culture = email.Culture, Title = email.Subject, Body = email.Body,
            Link = email.Link is null || string.IsNullOrWhiteSpace(publicUrl) ? email.Link : publicUrl.TrimEnd('/') + email.Link,
            Status = DeliveryStatus.Pending, DueAt = now, CreatedAt = now,
        });
    }
}
