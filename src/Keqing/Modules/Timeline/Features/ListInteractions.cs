using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>The interactions the caller may see, newest first, by customer, employee or channel; keyset-paged.</summary>
public sealed class ListInteractions(KeqingDb db, TimelineAccess access)
{
    /// <summary>The position after a page's last row.</summary>
    public sealed record Cursor(DateTime At, Guid Id);

    public async Task<Page<InteractionDto>> Handle(Guid? customerId, Guid? userId, InteractionChannel? channel, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = await access.Interactions(db.Set<Interaction>().AsNoTracking(), ct);
        if (customerId is { } c) query = query.Where(i => i.CustomerId == c);
        if (userId is { } u) query = query.Where(i => i.UserId == u);
        if (channel is { } ch) query = query.Where(i => i.Channel == ch);
        if (Paging.Decode<Cursor>(after) is { } k) query = query.Where(i => i.OccurredAt < k.At || (i.OccurredAt == k.At && i.Id.CompareTo(k.Id) < 0));
        var rows = await query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(rows.Select(i => i.ToDto()).ToList(), take, i => new Cursor(i.OccurredAt, i.Id));
    }

    public async Task<InteractionDto> Get(Guid id, CancellationToken ct)
    {
        var query = await access.Interactions(db.Set<Interaction>().AsNoTracking(), ct);
        return (await query.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("interaction")).ToDto();
    }
}
