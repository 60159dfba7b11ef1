using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>The signed-in user's in-app notifications: the list (newest first, keyset-paged), the unread count, marking read.</summary>
public sealed class Inbox(KeqingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Page<NotificationDto>> List(bool? unread, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var userId = me.UserId;
        var rows = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);
        if (unread is { } u) rows = u ? rows.Where(n => n.ReadAt == null) : rows.Where(n => n.ReadAt != null);
        // Ids are version 7 GUIDs: ordered by creation time.
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(n => n.Id.CompareTo(last) < 0);
        var items = await rows.OrderByDescending(n => n.Id).Take(take + 1)
            .Select(n => new NotificationDto(n.Id, n.EventType, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return Paging.ToPage(items, take, n => (Guid?)n.Id);
    }

    /// <summary>Unread notifications, counted up to 100 (the bell shows "99+").</summary>
    public Task<int> UnreadCount(CancellationToken ct)
    {
        var userId = me.UserId;
        return db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null).OrderBy(n => n.Id).Take(100).CountAsync(ct);
    }

    public async Task<NotificationDto> MarkRead(Guid id, CancellationToken ct)
    {
        var userId = me.UserId;
        var n = await db.Set<Notification>().FirstOrDefaultAsync(x => x.Id == id && x.UserId == userId, ct)
                ?? throw new NotFoundException("notification");
        if (n.ReadAt is null)
        {
            n.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return new NotificationDto(n.Id, n.EventType, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt);
    }

    /// <summary>Marks every unread notification read; returns how many there were.</summary>
    public Task<int> MarkAllRead(CancellationToken ct)
    {
        var userId = me.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
