using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>The outbox as the admin sees it (newest first): what is waiting, what arrived, what failed and the robot's error code.</summary>
public sealed class Deliveries(KeqingDb db)
{
    public async Task<Page<DeliveryDto>> List(string? status, Guid? robotId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var wanted = QueryValues.Enum<DeliveryStatus>(status, "status");
        var rows = db.Set<OutboxMessage>().AsNoTracking();
        if (wanted is { } w) rows = rows.Where(m => m.Status == w);
        if (robotId is { } r) rows = rows.Where(m => m.RobotId == r);
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(m => m.Id.CompareTo(last) < 0);
        var items = await rows.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(items.Select(ToDto).ToList(), take, d => (Guid?)d.Id);
    }

    public async Task<DeliveryDto> Get(Guid id, CancellationToken ct) =>
        ToDto(await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("delivery"));

    private static DeliveryDto ToDto(OutboxMessage m) =>
        new(m.Id, m.EventType, m.Channel, m.RecipientUserId, m.RobotId, m.Title, m.Status.ToString().ToLowerInvariant(), m.Attempts,
            m.DueAt, m.DeliveredAt, m.LastErrorCode, m.LastError, m.CreatedAt);
}
