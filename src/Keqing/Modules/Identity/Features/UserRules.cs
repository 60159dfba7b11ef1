using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>Checks shared by creating and editing a user.</summary>
internal static class UserRules
{
    public static void CheckProfile(FieldErrors errors, string? email, string? displayName, IReadOnlyList<string>? roles)
    {
        errors.Required("email", email).MaxLength("email", email, 256).Email("email", email);
        errors.Required("displayName", displayName).MaxLength("displayName", displayName, 200);
        if (roles is null || roles.Count == 0) errors.Add("roles", FieldErrors.Text("Give the user at least one role."));
        else
            foreach (var role in roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).Distinct())
                errors.Add("roles", FieldErrors.Text("Unknown role '{0}'. Known roles: {1}.", role?.Length > 50 ? role[..50] + "…" : role ?? "", string.Join(", ", Roles.All)));
    }

    public static async Task CheckTeam(KeqingDb db, FieldErrors errors, Guid? teamId, CancellationToken ct)
    {
        if (teamId is { } id && !await db.Set<Team>().AnyAsync(t => t.Id == id, ct))
            errors.Add("teamId", FieldErrors.Text("No team has this id."));
    }

    public static void AddIdentityErrors(FieldErrors errors, string field, IdentityResult result)
    {
        foreach (var e in result.Errors)
            errors.Add(e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : field, e.Description);
    }
}
