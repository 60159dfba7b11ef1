using System.Security.Claims;
using Keqing.Infrastructure.Modules;

namespace Keqing.Infrastructure.Auth;

/// <summary>
/// Who is acting in this scope: the HTTP request's user, or, in a Blazor circuit, the user the circuit
/// signed in with (set by <see cref="CircuitUserHandler"/> and copied into each UI operation's scope).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, ModuleCatalog catalog)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private ClaimsPrincipal? principal;

    public ClaimsPrincipal Principal
    {
        get => principal ?? http.HttpContext?.User ?? Anonymous;
        set => principal = value;
    }

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? UserIdOrNull =>
        Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid UserId => UserIdOrNull ?? throw new UnauthorizedAccessException("No signed-in user.");

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Whether the user holds the capability (one of its roles); an unknown capability is a programming error.</summary>
    public bool Can(string capability) => catalog.Grants(capability, Principal.IsInRole);
}
