using System.Security.Claims;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Domain;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Who is acting on imports, handed to every import use case by its caller (the API's user, the page's circuit user,
/// the command line's --as user, a job's creator). Admins, sales managers and marketers import; each sees their own
/// imports, an admin sees all.
/// </summary>
public sealed record Importer(Guid UserId, IReadOnlyCollection<string> RoleNames)
{
    /// <summary>The roles that may import.</summary>
    public static readonly IReadOnlyList<string> ImportRoles = [Roles.Admin, Roles.SalesManager, Roles.Marketer];

    /// <summary>The signed-in user of a request or circuit.</summary>
    public static Importer From(ClaimsPrincipal user) =>
        new(Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new UnauthorizedAccessException("No signed-in user."),
            Roles.All.Where(user.IsInRole).ToList());

    /// <summary>The user who uploaded <paramref name="job"/>, with the roles they had then.</summary>
    public static Importer Of(ImportJob job) => new(job.CreatedBy, job.CreatedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries));

    public bool IsAdmin => RoleNames.Contains(Roles.Admin);

    public bool MayImport => ImportRoles.Any(RoleNames.Contains);

    public void EnsureMayImport()
    {
        if (!MayImport) throw new ForbiddenException(FieldErrors.Text("Only admins, sales managers and marketers can import."));
    }
}
