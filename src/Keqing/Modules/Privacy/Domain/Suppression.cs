using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Privacy.Domain;

/// <summary>
/// A keyed hash (HMAC-SHA256) of a normalised phone, email or name with birthday of an erased person, so the person
/// cannot come back for marketing through an import, without Keqing keeping the value itself.
/// </summary>
public sealed class Suppression
{
    public Guid Id { get; set; } = OrderedId.New();
    public SuppressionKind Kind { get; set; }
    /// <summary>Lower-case hex of the HMAC.</summary>
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>What a <see cref="Suppression"/> hashes.</summary>
public enum SuppressionKind { Phone = 1, Email = 2, NameAndBirthday = 3 }

/// <summary>The secret key of the suppression hashes, made once per installation and kept in the database.</summary>
public sealed class SuppressionKey
{
    public int Id { get; set; } = 1;
    public required byte[] Key { get; set; }
}
