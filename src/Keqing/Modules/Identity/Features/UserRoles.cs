using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Sets a user's roles as rows in the same unit of work as the rest of the change (one SaveChanges, all or nothing).</summary>
internal static class UserRoleRows
{
    public static async Task Set(KeqingDb db, User user, IEnumerable<string> roleNames, CancellationToken ct)
    {
        var wanted = roleNames.Distinct().ToList();
        var roleIds = await db.Roles.Where(r => wanted.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);
        db.UserRoles.RemoveRange(current.Where(ur => !roleIds.Contains(ur.RoleId)));
        foreach (var roleId in roleIds.Where(id => current.All(ur => ur.RoleId != id)))
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        // A new stamp makes open cookie sessions re-read the user's roles.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }
}
