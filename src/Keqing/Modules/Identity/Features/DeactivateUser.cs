using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>
/// Deactivates or reactivates a user (admin). A deactivated user can no longer sign in, their tokens are revoked
/// and their open sessions end at the next check; everything they recorded stays in the archive.
/// </summary>
public sealed class DeactivateUser(KeqingDb db, CurrentUser currentUser, TimeProvider clock, IEnumerable<IDeactivationCheck> checks)
{
    public async Task<UserDto> Deactivate(Guid id, CancellationToken ct)
    {
        if (id == currentUser.UserId) throw new ConflictException("You cannot deactivate yourself.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user");
        foreach (var check in checks)
            if (await check.Outstanding(id, ct) is { } outstanding)
                throw new ConflictException($"{user.DisplayName} still holds {outstanding}: hand them over first (/admin/handover).");
        var now = clock.GetUtcNow().UtcDateTime;
        user.IsActive = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.Set<ApiToken>().Where(t => t.UserId == id && t.RevokedAt == null)
            .ForEachAsync(t => t.RevokedAt = now, ct);
        await db.SaveChangesAsync(ct);
        return await UserProjection.One(db, id, ct);
    }

    public async Task<UserDto> Reactivate(Guid id, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user");
        user.IsActive = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
        return await UserProjection.One(db, id, ct);
    }
}
