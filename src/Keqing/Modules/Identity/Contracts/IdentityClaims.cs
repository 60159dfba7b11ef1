using System.Security.Claims;

namespace Keqing.Modules.Identity.Contracts;

/// <summary>The claims Keqing puts on a signed-in user, the same for cookie and token.</summary>
public static class IdentityClaims
{
    public const string DisplayName = "keqing:display_name";
    /// <summary>The id of the API token a request was authenticated with (absent for the cookie).</summary>
    public const string TokenId = "keqing:token_id";

    public static IEnumerable<Claim> For(Guid id, string displayName, string email, IEnumerable<string> roles)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, id.ToString());
        yield return new Claim(ClaimTypes.Name, email);
        yield return new Claim(ClaimTypes.Email, email);
        yield return new Claim(DisplayName, displayName);
        foreach (var role in roles) yield return new Claim(ClaimTypes.Role, role);
    }
}
