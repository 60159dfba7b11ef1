namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// The caller's view of personal data (DOMAIN P1) for every module that shows it: the level per category their roles
/// grant (the highest of their roles), the reveals they hold, and the access log of what they saw.
/// </summary>
public interface IPrivacyGrants
{
    /// <summary>
    /// How long a node keeps the admin's grant settings: every list and get masks, and a database round trip each time
    /// costs more than the list itself. The node that saves them drops its copy at once; other nodes follow within this.
    /// </summary>
    static readonly TimeSpan SettingsLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The tag (an SQL comment) of the queries masking adds to a request, so measurements can tell them apart.</summary>
    const string QueryTag = "privacy";

    /// <summary>The caller's level per category (cached for the scope).</summary>
    Task<IReadOnlyDictionary<Sensitivity, GrantLevel>> Levels(CancellationToken ct);

    /// <summary>
    /// The caller's access, with the unexpired reveals they hold on these records. Given the categories the records can
    /// hold at all (<paramref name="present"/>), reveals are looked up only when one of them is at the reveal level.
    /// </summary>
    Task<ViewerAccess> For(IEnumerable<Guid> recordIds, CancellationToken ct, IReadOnlyCollection<Sensitivity>? present = null);

    /// <summary>
    /// Writes one access-log entry per record whose sensitive values (<see cref="Masked.IsLoggedOnView"/>) the caller was
    /// shown, in one SaveChanges; records with none shown write nothing.
    /// </summary>
    Task LogViews(string entityType, IEnumerable<(Guid Id, IReadOnlyList<string> Fields)> views, CancellationToken ct);
}
