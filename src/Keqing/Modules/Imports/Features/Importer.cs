using System.Security.Claims;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Who is acting on imports, handed to every import use case by its caller (the API's user, the page's circuit user,
/// the command line's --as user): their roles and the capabilities those give (<see cref="ImportsCapabilities"/>).
/// Each importer sees their own imports; one with <see cref="ImportsCapabilities.SeeAll"/> sees everyone's.
/// </summary>
public sealed record Importer(Guid UserId, IReadOnlyCollection<string> RoleNames, IReadOnlySet<string> Capabilities)
{
    /// <summary>The signed-in user of a request or circuit.</summary>
    public static Importer From(ClaimsPrincipal user, ModuleCatalog catalog) =>
        For(Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new UnauthorizedAccessException("No signed-in user."),
            Roles.All.Where(user.IsInRole).ToList(), catalog);

    /// <summary>A user with these roles, and the capabilities the capability table gives them.</summary>
    public static Importer For(Guid userId, IReadOnlyCollection<string> roles, ModuleCatalog catalog) =>
        new(userId, roles, catalog.CapabilitiesOf(roles));

    public bool SeesAll => Capabilities.Contains(ImportsCapabilities.SeeAll);

    public void EnsureMayImport()
    {
        if (!Capabilities.Contains(ImportsCapabilities.Run)) throw new ForbiddenException(FieldErrors.Text("Only admins, sales managers and marketers can import."));
    }
}
