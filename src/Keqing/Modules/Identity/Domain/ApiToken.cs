using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Identity.Domain;

/// <summary>A bearer token issued to a user; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public required byte[] TokenHash { get; set; }
    /// <summary>What the user called it when asking for it, so they recognise it in their token list.</summary>
    public string? Label { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
