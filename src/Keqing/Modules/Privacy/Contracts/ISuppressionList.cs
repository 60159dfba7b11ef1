namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// The people erased on request (DOMAIN P3): an import or a campaign asks before using a person for marketing whether
/// they were erased, by their phones and emails or by name with birthday.
/// </summary>
public interface ISuppressionList
{
    /// <summary>Whether any of these contact points belongs to an erased person.</summary>
    Task<bool> IsSuppressed(string? phone, string? email, CancellationToken ct);

    /// <summary>
    /// Which of these people (each given by their phones and emails) were erased: the indexes into
    /// <paramref name="people"/>. One query per 500 contact points, none while nobody was ever erased (for imports).
    /// </summary>
    Task<IReadOnlySet<int>> Suppressed(IReadOnlyList<(IEnumerable<string?> Phones, IEnumerable<string?> Emails)> people, CancellationToken ct);

    /// <summary>Whether a person of this name and birthday was erased.</summary>
    Task<bool> IsSuppressed(string name, DateOnly birthday, CancellationToken ct);
}
