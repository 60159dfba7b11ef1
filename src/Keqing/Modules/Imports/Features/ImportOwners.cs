using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Domain;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// The users an import's owner column may name, by lower-case email: anyone for an admin, a manager's team members,
/// else only the importer. Judged for the job's creator with the roles they had at upload, whoever runs it.
/// </summary>
public sealed class ImportOwners(IUserDirectory users, IRecordAccess access)
{
    public async Task<IReadOnlyDictionary<string, AssignableOwner>> For(ImportJob job, CancellationToken ct)
    {
        var active = await users.Active(ct);
        IEnumerable<UserSummary> allowed = active;
        var scope = await access.ScopeOf(job.CreatedBy, job.CreatedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries), ct);
        if (!scope.IsAdmin)
            allowed = active.Where(u => u.Id == job.CreatedBy || (u.TeamId is { } t && scope.ManagedTeamIds.Contains(t)));
        return allowed.Where(u => u.Email.Length > 0).GroupBy(u => u.Email.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => new AssignableOwner(g.First().Id, g.First().TeamId));
    }
}
