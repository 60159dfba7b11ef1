using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>The admin's report of contact-boundary warnings overridden, and by whom (DOMAIN P4), newest first.</summary>
public sealed class BoundaryOverrideReport(KeqingDb db, IUserDirectory users)
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
        var page = await rows.OrderByDescending(o => o.Id).Take(take + 1).ToListAsync(ct);
        var names = await users.Names(page.Select(o => o.UserId), ct);
        return Paging.ToPage(page.Select(o => new BoundaryOverrideDto(o.Id, o.UserId, names.GetValueOrDefault(o.UserId), o.CustomerId, o.Code, o.Message,
            o.SourceType, o.SourceId, o.At)).ToList(), take, o => (Guid?)o.Id);
    }
}
