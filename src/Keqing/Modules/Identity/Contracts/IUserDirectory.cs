namespace Keqing.Modules.Identity.Contracts;

/// <summary>A user as other modules see one: enough to show an owner or pick one.</summary>
public sealed record UserSummary(Guid Id, string DisplayName, string Email, Guid? TeamId, bool IsActive);

/// <summary>A team as other modules see one: enough to show it or pick one.</summary>
public sealed record TeamSummary(Guid Id, string Name);

/// <summary>Looks up users for other modules (owner names, owner pickers) without exposing Identity's internals.</summary>
public interface IUserDirectory
{
    Task<UserSummary?> Find(Guid id, CancellationToken ct);

    Task<UserSummary?> FindByEmail(string email, CancellationToken ct);

    /// <summary>The names of a user's roles (for acting as that user outside a request, e.g. a command-line import).</summary>
    Task<List<string>> RolesOf(Guid userId, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, string>> Names(IEnumerable<Guid> ids, CancellationToken ct);

    /// <summary>The manager of each user's team (none for a user without a team, or a team without a manager).</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> ManagersOf(IEnumerable<Guid> userIds, CancellationToken ct);

    Task<List<UserSummary>> Active(CancellationToken ct);

    /// <summary>The active users holding at least one of these roles, by name.</summary>
    Task<List<UserSummary>> ActiveInRoles(IReadOnlyCollection<string> roles, CancellationToken ct);

    Task<bool> TeamExists(Guid id, CancellationToken ct);

    Task<List<TeamSummary>> Teams(CancellationToken ct);
}
