using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>An API token as its owner sees it (never the token itself, which only its holder has).</summary>
public sealed record ApiTokenDto(Guid Id, Guid UserId, string? Label, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt,
    bool Active, bool Current);

/// <summary>Lists and revokes API tokens: each user their own, an admin anyone's (<c>/api/auth/tokens</c>).</summary>
public sealed class ApiTokens(KeqingDb db, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The tokens of <paramref name="userId"/> (default: the caller), newest first; another user's only for an admin.</summary>
    public async Task<IReadOnlyList<ApiTokenDto>> List(Guid? userId, CancellationToken ct)
    {
        var owner = userId ?? currentUser.UserId;
        if (owner != currentUser.UserId && !currentUser.Can(IdentityCapabilities.ManageUsers))
            throw new ForbiddenException(FieldErrors.Text("Only an admin can see another user's tokens."));
        var now = clock.GetUtcNow().UtcDateTime;
        var current = CurrentTokenId;
        var rows = await db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == owner)
            .OrderByDescending(t => t.Id).Take(200).ToListAsync(ct);
        return rows.Select(t => new ApiTokenDto(t.Id, t.UserId, t.Label, t.CreatedAt, t.ExpiresAt, t.RevokedAt,
            t.RevokedAt == null && t.ExpiresAt > now, t.Id == current)).ToList();
    }

    /// <summary>Revokes a token at once on every node (the bearer check reads the database on each request).</summary>
    public async Task<ApiTokenDto> Revoke(Guid id, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || (token.UserId != currentUser.UserId && !currentUser.Can(IdentityCapabilities.ManageUsers)))
            throw new NotFoundException("token");
        var now = clock.GetUtcNow().UtcDateTime;
        token.RevokedAt ??= now;
        await db.SaveChangesAsync(ct);
        return new ApiTokenDto(token.Id, token.UserId, token.Label, token.CreatedAt, token.ExpiresAt, token.RevokedAt, false,
            token.Id == CurrentTokenId);
    }

    /// <summary>Revokes every live token of a user (password reset, deactivation); saved with the caller's SaveChanges.</summary>
    public static async Task RevokeAll(KeqingDb db, Guid userId, DateTime now, CancellationToken ct)
    {
        foreach (var token in await db.Set<ApiToken>().Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now).ToListAsync(ct))
            token.RevokedAt = now;
    }

    private Guid? CurrentTokenId =>
        Guid.TryParse(currentUser.Principal.FindFirstValue(IdentityClaims.TokenId), out var id) ? id : null;
}
