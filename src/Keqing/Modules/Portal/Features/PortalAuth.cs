using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Keqing.Modules.Portal.Features;

/// <summary>A signed-in portal contact: who they are, of which customer, by which address they signed in.</summary>
public sealed record PortalContact(Guid ContactId, Guid CustomerId, string Email);

/// <summary>
/// The portal's own sign-in: a cookie scheme of its own (<see cref="Scheme"/>, cookie <c>keqing.portal</c>) and a policy
/// (<see cref="Policy"/>) that authenticates with that scheme only. The staff scheme never reads the portal cookie, and the
/// portal policy never reads the staff cookie or a bearer token, so neither grants the other. A portal principal carries
/// no user id and no role: nothing staff-side can take it for an employee.
/// </summary>
public static class PortalAuth
{
    public const string Scheme = "KeqingPortal";
    public const string Policy = "portal.contact";
    public const string CookieName = "keqing.portal";
    public const string LoginPath = "/portal/login";
    public const string ContactClaim = "keqing.portal.contact";
    public const string CustomerClaim = "keqing.portal.customer";
    public const string EmailClaim = "keqing.portal.email";
    private const string NoRoles = "keqing.portal.no-role";

    public static ClaimsPrincipal Principal(PortalContact contact) => new(new ClaimsIdentity(
        [
            new Claim(ContactClaim, contact.ContactId.ToString()), new Claim(CustomerClaim, contact.CustomerId.ToString()),
            new Claim(EmailClaim, contact.Email),
        ], Scheme, EmailClaim, NoRoles));

    public static PortalContact? ContactOf(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: Scheme }
        && Guid.TryParse(user.FindFirstValue(ContactClaim), out var contact) && Guid.TryParse(user.FindFirstValue(CustomerClaim), out var customer)
            ? new PortalContact(contact, customer, user.FindFirstValue(EmailClaim) ?? "")
            : null;

    /// <summary>Lower-case hex SHA-256 of a text (tokens and addresses are stored only this way).</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
