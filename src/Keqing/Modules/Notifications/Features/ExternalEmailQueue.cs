using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>An outbox email row for an outside address (no recipient user, no quiet hours: the person asked for nothing else).</summary>
public sealed class ExternalEmailQueue(KeqingDb db, Notifier notifier, TimeProvider clock) : IExternalEmail
{
    public async Task Queue(ExternalEmail email, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email.Address);
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == email.IdempotencyKey)
            || await db.Set<OutboxMessage>().AnyAsync(m => m.IdempotencyKey == email.IdempotencyKey, ct))
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            IdempotencyKey = email.IdempotencyKey, EventType = email.EventType, Channel = Channel.Email, Address = email.Address,
            Culture = email.Culture, Title = email.Subject, Body = email.Body, Link = notifier.Absolute(email.Link),
            Status = DeliveryStatus.Pending, DueAt = now, CreatedAt = now,
        });
    }
}
