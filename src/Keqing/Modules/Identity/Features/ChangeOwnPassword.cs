using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>
/// A signed-in user changes their own password, proving the current one; the password policy answers in its own
/// messages. Every session of the user, this one too, ends at its next check (a stolen cookie stops working); API
/// tokens stay, the user revokes them on the same page.
/// </summary>
public sealed class ChangeOwnPassword(KeqingDb db, UserManager<User> users, CurrentUser currentUser)
{
    public sealed record Request(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

    public async Task Handle(Request r, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == currentUser.UserId, ct) ?? throw new NotFoundException("user");
        var errors = new FieldErrors().Required("currentPassword", r.CurrentPassword).Required("newPassword", r.NewPassword)
            .MaxLength("newPassword", r.NewPassword, 200);
        errors.ThrowIfAny();
        if (!await users.CheckPasswordAsync(user, r.CurrentPassword!))
            errors.Add("currentPassword", FieldErrors.Text("This is not your current password."));
        if (r.NewPassword != r.ConfirmPassword) errors.Add("confirmPassword", FieldErrors.Text("The two new passwords differ."));
        if (r.NewPassword == r.CurrentPassword) errors.Add("newPassword", FieldErrors.Text("Choose a password other than the current one."));
        foreach (var validator in users.PasswordValidators)
            UserRules.AddIdentityErrors(errors, "newPassword", await validator.ValidateAsync(users, user, r.NewPassword));
        errors.ThrowIfAny();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, r.NewPassword!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
    }
}
