using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Identity.Domain;

/// <summary>
/// Gives a team, or one user (a collaborator, DOMAIN C2), access to one owned record of any module,
/// read-only or read-write, optionally until a date.
/// </summary>
[RecordType("identity.share", LegacyName = "RecordShare")]
public sealed class RecordShare : Keqing.Infrastructure.Audit.IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The record's entity type name, e.g. <c>Customer</c>.</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? UserId { get; set; }
    public bool CanWrite { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
