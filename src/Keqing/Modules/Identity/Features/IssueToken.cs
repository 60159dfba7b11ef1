using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Keqing.Modules.Identity.Features;

/// <summary>Exchanges email and password for a bearer token (<c>POST /api/auth/token</c>).</summary>
public sealed class IssueToken(KeqingDb db, UserManager<User> users, SignInManager<User> signIn, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary><paramref name="Label"/> names the token in the user's token list ("reporting script").</summary>
    public sealed record Request([Required, MaxLength(256)] string Email, [Required, MaxLength(256)] string Password,
        [MaxLength(100)] string? Label = null);

    public sealed record Response(string Token, DateTime ExpiresAt, Guid Id);

    /// <summary>The token, or why there is none: <see cref="LockedUntil"/> is set while the account is locked out.</summary>
    public sealed record Outcome(Response? Token, DateTimeOffset? LockedUntil);

    public async Task<Outcome> Handle(Request request, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null || !user.IsActive) return new Outcome(null, null);
        // Counts the failure and locks the account after too many (Keqing:Security), even with the right password then.
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut) return new Outcome(null, user.LockoutEnd);
        if (!check.Succeeded) return new Outcome(null, null);

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new ApiToken
        {
            UserId = user.Id, TokenHash = TokenAuthenticationHandler.Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime,
            Label = string.IsNullOrWhiteSpace(request.Label) ? null : request.Label.Trim(),
        };
        db.Set<ApiToken>().Add(issued);
        await db.SaveChangesAsync(ct);
        return new Outcome(new Response(token, issued.ExpiresAt, issued.Id), null);
    }
}
