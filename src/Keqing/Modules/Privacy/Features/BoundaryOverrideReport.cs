using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>The admin's report of contact-boundary warnings overridden, and by whom (DOMAIN P4), newest first.</summary>
public sealed class BoundaryOverrideReport(KeqingDb db)
{
    public async Task<Page<BoundaryOverrideDto>> Handle(DateTime? from, DateTime? to, Guid? userId, Guid? customerId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var rows = db.Set<BoundaryOverride>().AsNoTracking();
        if (from is { } f) rows = rows.Where(o => o.At >= f.ToUniversalTime());
        if (to is { } t) rows = rows.Where(o => o.At < t.ToUniversalTime());
        if (userId is { } u) rows = rows.Where(o => o.UserId == u);
        if (customerId is { } c) rows = rows.Where(o => o.CustomerId == c);
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(o => o.Id.CompareTo(last) < 0);
        var page = await rows.OrderByDescending(o => o.Id).Take(take + 1)
            .GroupJoin(db.Users, o => o.UserId, u => u.Id, (o, us) => new { o, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { x.o, Name = u == null ? null : u.DisplayName })
            .OrderByDescending(x => x.o.Id).ToListAsync(ct);
        return Paging.ToPage(page.Select(x => new BoundaryOverrideDto(x.o.Id, x.o.UserId, x.Name, x.o.CustomerId, x.o.Code, x.o.Message,
            x.o.SourceType, x.o.SourceId, x.o.At)).ToList(), take, o => (Guid?)o.Id);
    }
}
