using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>The caller's alerts (overdue commitments, task reminders), newest first; marking one read.</summary>
public sealed class Alerts(KeqingDb db, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<Page<AlertDto>> List(bool? unread, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var me = currentUser.UserId;
        var query = db.Set<Alert>().AsNoTracking().Where(a => a.RecipientId == me);
        if (unread == true) query = query.Where(a => a.ReadAt == null);
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(a => a.Id.CompareTo(last) < 0);
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1)
            .Select(a => new AlertDto(a.Id, a.Kind, a.SubjectId, a.CustomerId, a.Title, a.DueAt, a.CreatedAt, a.ReadAt)).ToListAsync(ct);
        return Paging.ToPage(rows, take, a => (Guid?)a.Id);
    }

    public async Task MarkRead(Guid id, CancellationToken ct)
    {
        var me = currentUser.UserId;
        var alert = await db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == id && a.RecipientId == me, ct) ?? throw new NotFoundException("alert");
        alert.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
