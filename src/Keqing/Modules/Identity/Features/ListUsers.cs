using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Identity.Features;

/// <summary>Lists users, optionally filtered by a part of the name or email, keyset-paged by id.</summary>
public sealed class ListUsers(KeqingDb db)
{
    public async Task<Page<UserDto>> Handle(string? q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(u => u.Id.CompareTo(last) > 0);
        var rows = await UserProjection.ToDtos(db, query.OrderBy(u => u.Id).Take(take + 1), ct);
        return Paging.ToPage(rows, take, u => (Guid?)u.Id);
    }
}
