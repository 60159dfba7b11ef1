using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Identity.Features;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> API tokens against their stored hash, on every request, so a
/// revoked token or a deactivated user is refused at once on every node.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    KeqingDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "KeqingToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200) return AuthenticateResult.Fail("Malformed token.");

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Set<ApiToken>()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t, u })
            .Where(x => x.u.IsActive)
            // The roles come in the same round trip: this runs on every API request.
            .Select(x => new
            {
                x.u.Id, x.u.DisplayName, x.u.Email, TokenId = x.t.Id,
                Roles = db.UserRoles.Where(r => r.UserId == x.u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("Unknown, expired or revoked token.");

        var identity = new ClaimsIdentity(
            IdentityClaims.For(user.Id, user.DisplayName, user.Email ?? "", user.Roles)
                .Append(new Claim(IdentityClaims.TokenId, user.TokenId.ToString())), Scheme,
            ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
