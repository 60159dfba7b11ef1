using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Exchanges email and password for a bearer token (<c>POST /api/auth/token</c>).</summary>
public sealed class IssueToken(KeqingDb db, UserManager<User> users, SignInManager<User> signIn, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public sealed record Request([Required, MaxLength(256)] string Email, [Required, MaxLength(256)] string Password);

    public sealed record Response(string Token, DateTime ExpiresAt);

    /// <summary>The token, or null when the email, password or account state does not allow signing in.</summary>
    public async Task<Response?> Handle(Request request, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null || !user.IsActive) return null;
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!check.Succeeded) return null;

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new ApiToken
        {
            UserId = user.Id, TokenHash = TokenAuthenticationHandler.Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime,
        };
        db.Set<ApiToken>().Add(issued);
        await db.SaveChangesAsync(ct);
        return new Response(token, issued.ExpiresAt);
    }
}
