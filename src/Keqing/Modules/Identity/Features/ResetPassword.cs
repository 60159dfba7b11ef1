using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Sets a new password for a user (admin); open sessions of that user end at the next check, API tokens at once.</summary>
public sealed class ResetPassword(KeqingDb db, UserManager<User> users, TimeProvider clock)
{
    public sealed record Request(string NewPassword);

    public async Task Handle(Guid id, Request r, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user");
        var errors = new FieldErrors().Required("newPassword", r.NewPassword).MaxLength("newPassword", r.NewPassword, 200);
        errors.ThrowIfAny();
        foreach (var validator in users.PasswordValidators)
            UserRules.AddIdentityErrors(errors, "newPassword", await validator.ValidateAsync(users, user, r.NewPassword));
        errors.ThrowIfAny();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, r.NewPassword);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await ApiTokens.RevokeAll(db, user.Id, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
    }
}
