using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Reads users with their role names in two set-based queries (no query per user).</summary>
internal static class UserProjection
{
    public static async Task<List<UserDto>> ToDtos(KeqingDb db, IQueryable<Domain.User> users, CancellationToken ct)
    {
        var rows = await users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.TeamId, u.IsActive, u.Version, u.CreatedAt })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return rows.Select(r => new UserDto(r.Id, r.Email ?? "", r.DisplayName,
            byUser[r.Id].Order(StringComparer.Ordinal).ToList(), r.TeamId, r.IsActive, r.Version, r.CreatedAt)).ToList();
    }

    public static async Task<UserDto> One(KeqingDb db, Guid id, CancellationToken ct) =>
        (await ToDtos(db, db.Users.Where(u => u.Id == id), ct)).SingleOrDefault()
        ?? throw new Infrastructure.Http.NotFoundException("user");
}
