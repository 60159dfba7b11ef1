using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// One customer's timeline (DOMAIN T1): every touchpoint any module published, newest first, filtered by type,
/// channel and employee, keyset-paged on (occurredAt, id) so the 100th page costs what the first does.
/// </summary>
public sealed class GetTimeline(KeqingDb db, TimelineAccess access, IUserDirectory users)
{
    /// <summary>The position after a page's last entry.</summary>
    public sealed record Cursor(DateTime At, Guid Id);

    /// <summary>The filters of <c>GET /api/customers/{id}/timeline</c>.</summary>
    public sealed record Filter(string? Type = null, string? Channel = null, Guid? UserId = null);

    public async Task<Page<TimelineEntryDto>> Handle(Guid customerId, Filter filter, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var errors = new FieldErrors().MaxLength("type", filter.Type, 40).MaxLength("channel", filter.Channel, 20);
        errors.ThrowIfAny();
        var cursor = Paging.Decode<Cursor>(after);
        var customer = await access.Customer(customerId, ct);
        var query = await access.Entries(db.Set<TimelineEntry>().AsNoTracking().Where(e => e.CustomerId == customerId), customer, ct);
        var type = filter.Type?.Trim().ToLowerInvariant();
        if (!string.IsNullOrWhiteSpace(type)) query = query.Where(e => e.Type == type);
        if (!string.IsNullOrWhiteSpace(filter.Channel)) query = query.Where(e => e.Channel == Normalize(filter.Channel));
        if (filter.UserId is { } u) query = query.Where(e => e.UserId == u);
        if (cursor is { } k) query = query.Where(e => e.OccurredAt < k.At || (e.OccurredAt == k.At && e.Id.CompareTo(k.Id) < 0));
        var rows = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var names = await users.Names(rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value), ct);
        var items = rows.Select(e => ToDto(e, names)).ToList();
        return Paging.ToPage(items, take, e => new Cursor(e.OccurredAt, e.Id));
    }

    public static TimelineEntryDto ToDto(TimelineEntry e, IReadOnlyDictionary<Guid, string> names) => new(
        e.Id, e.CustomerId, e.OccurredAt, e.Type, e.Channel, e.UserId,
        e.UserId is { } u && names.TryGetValue(u, out var n) ? n : null, e.TeamId, e.Title, e.Summary, e.SourceModule, e.SourceId, e.DueAt);

    private static string Normalize(string channel)
    {
        var c = channel.Trim();
        return char.ToLowerInvariant(c[0]) + c[1..].ToLowerInvariant();
    }
}
