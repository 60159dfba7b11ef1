namespace Keqing.Tests.Security;

/// <summary>
/// The customer portal's rows: its API and pages admit only a contact signed in with the portal's own cookie, which no
/// role of the matrix holds (staff cookies and tokens are refused like anonymous callers); the link endpoints are open.
/// </summary>
public static class PortalAccessRules
{
    /// <summary><c>/api/portal/…</c>: 401 for everyone without the portal cookie, staff included.</summary>
    public static readonly AccessRule ContactsOnly = (_, _) => Expect.Unauthenticated;

    /// <summary><c>/portal/…</c> pages and their posts: to the portal's sign-in for everyone without the portal cookie, staff included.</summary>
    public static readonly AccessRule ContactPages = (_, _) => Expect.SignInRedirect;

    /// <summary>Using a link nobody was sent: 400 on the token for anyone.</summary>
    public static readonly AccessRule ForgedLink = (_, _) => Expect.BadRequest;
}
