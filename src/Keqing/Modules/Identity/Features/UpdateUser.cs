using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Changes a user's email, name, roles and team (admin), under If-Match.</summary>
public sealed class UpdateUser(KeqingDb db, UserManager<User> users, CurrentUser currentUser)
{
    public sealed record Request(string Email, string DisplayName, IReadOnlyList<string>? Roles, Guid? TeamId);

    public async Task<UserDto> Handle(Guid id, long expectedVersion, Request r, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user");
        var errors = new FieldErrors();
        UserRules.CheckProfile(errors, r.Email, r.DisplayName, r.Roles);
        await UserRules.CheckTeam(db, errors, r.TeamId, ct);
        if (id == currentUser.UserId && r.Roles is not null && !r.Roles.Contains(Roles.Admin))
            errors.Add("roles", FieldErrors.Text("You cannot take the Admin role from yourself."));
        if (!errors.Any)
        {
            var email = r.Email.Trim();
            var normalized = users.NormalizeEmail(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != id, ct))
                errors.Add("email", FieldErrors.Text("A user with this email already exists."));
        }
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, user, expectedVersion);

        user.Email = user.UserName = r.Email.Trim();
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.Email);
        user.DisplayName = r.DisplayName.Trim();
        user.TeamId = r.TeamId;
        await UserRoleRows.Set(db, user, r.Roles!, ct);
        await db.SaveChangesAsync(ct);
        return await UserProjection.One(db, id, ct);
    }
}
