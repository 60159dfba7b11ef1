using Keqing.Infrastructure.Http;
using Microsoft.AspNetCore.Identity;

namespace Keqing.Modules.Identity.Features;

/// <summary>ASP.NET Identity's messages (password rules, duplicate email …) in the user's language; the codes stay Identity's.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Text(base.DefaultError(), "An unknown failure has occurred.");
    public override IdentityError ConcurrencyFailure() => Text(base.ConcurrencyFailure(), "Someone else changed this user meanwhile; reload and try again.");
    public override IdentityError PasswordMismatch() => Text(base.PasswordMismatch(), "Incorrect password.");
    public override IdentityError InvalidToken() => Text(base.InvalidToken(), "Invalid token.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Text(base.RecoveryCodeRedemptionFailed(), "Recovery code redemption failed.");
    public override IdentityError LoginAlreadyAssociated() => Text(base.LoginAlreadyAssociated(), "A user with this login already exists.");
    public override IdentityError InvalidUserName(string? userName) => Text(base.InvalidUserName(userName), "User name '{0}' is invalid.", userName);
    public override IdentityError InvalidEmail(string? email) => Text(base.InvalidEmail(email), "Email '{0}' is invalid.", email);
    public override IdentityError DuplicateUserName(string userName) => Text(base.DuplicateUserName(userName), "User name '{0}' is already taken.", userName);
    public override IdentityError DuplicateEmail(string email) => Text(base.DuplicateEmail(email), "Email '{0}' is already taken.", email);
    public override IdentityError InvalidRoleName(string? role) => Text(base.InvalidRoleName(role), "Role name '{0}' is invalid.", role);
    public override IdentityError DuplicateRoleName(string role) => Text(base.DuplicateRoleName(role), "Role name '{0}' is already taken.", role);
    public override IdentityError UserAlreadyHasPassword() => Text(base.UserAlreadyHasPassword(), "User already has a password set.");
    public override IdentityError UserLockoutNotEnabled() => Text(base.UserLockoutNotEnabled(), "Lockout is not enabled for this user.");
    public override IdentityError UserAlreadyInRole(string role) => Text(base.UserAlreadyInRole(role), "User already in role '{0}'.", role);
    public override IdentityError UserNotInRole(string role) => Text(base.UserNotInRole(role), "User is not in role '{0}'.", role);
    public override IdentityError PasswordTooShort(int length) => Text(base.PasswordTooShort(length), "Passwords must be at least {0} characters.", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Text(base.PasswordRequiresUniqueChars(uniqueChars), "Passwords must use at least {0} different characters.", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Text(base.PasswordRequiresNonAlphanumeric(), "Passwords must have at least one non alphanumeric character.");
    public override IdentityError PasswordRequiresDigit() => Text(base.PasswordRequiresDigit(), "Passwords must have at least one digit ('0'-'9').");
    public override IdentityError PasswordRequiresLower() => Text(base.PasswordRequiresLower(), "Passwords must have at least one lowercase ('a'-'z').");
    public override IdentityError PasswordRequiresUpper() => Text(base.PasswordRequiresUpper(), "Passwords must have at least one uppercase ('A'-'Z').");

    private static IdentityError Text(IdentityError original, string template, params object?[] args) =>
        new() { Code = original.Code, Description = FieldErrors.Text(template, args.Select(a => a ?? "").ToArray()) };
}
