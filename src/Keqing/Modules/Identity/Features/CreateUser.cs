using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Keqing.Modules.Identity.Features;

/// <summary>Creates an employee account with roles and a team (admin).</summary>
public sealed class CreateUser(KeqingDb db, UserManager<User> users, TimeProvider clock)
{
    public sealed record Request(string Email, string DisplayName, string Password, IReadOnlyList<string>? Roles, Guid? TeamId);

    public async Task<UserDto> Handle(Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        UserRules.CheckProfile(errors, r.Email, r.DisplayName, r.Roles);
        errors.Required("password", r.Password).MaxLength("password", r.Password, 200);
        await UserRules.CheckTeam(db, errors, r.TeamId, ct);
        errors.ThrowIfAny();

        var email = r.Email.Trim();
        var user = new User
        {
            Email = email, UserName = email, NormalizedEmail = users.NormalizeEmail(email),
            NormalizedUserName = users.NormalizeName(email), DisplayName = r.DisplayName.Trim(), TeamId = r.TeamId,
            EmailConfirmed = true, LockoutEnabled = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var validator in users.PasswordValidators)
            UserRules.AddIdentityErrors(errors, "password", await validator.ValidateAsync(users, user, r.Password));
        if (await users.FindByEmailAsync(email) is not null) errors.Add("email", FieldErrors.Text("A user with this email already exists."));
        errors.ThrowIfAny();

        user.PasswordHash = users.PasswordHasher.HashPassword(user, r.Password);
        db.Users.Add(user);
        await UserRoleRows.Set(db, user, r.Roles!, ct);
        await db.SaveChangesAsync(ct);
        return await UserProjection.One(db, user.Id, ct);
    }
}
