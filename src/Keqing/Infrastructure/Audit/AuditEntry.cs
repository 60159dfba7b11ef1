using Keqing.Infrastructure.Data;

namespace Keqing.Infrastructure.Audit;

/// <summary>
/// One recorded change of (or sensitive access to) one record: who, when, what kind, and each field's old and new
/// value. Rows are append-only and hash-chained in <see cref="Sequence"/> order (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The record type's key, e.g. <c>customers.customer</c> (rows written before keys: the class name, <c>Customer</c>).</summary>
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public AuditAction Action { get; set; }
    public Guid? UserId { get; set; }
    public DateTime At { get; set; }
    /// <summary>JSON array of <see cref="AuditFieldChange"/>.</summary>
    public required string Changes { get; set; }
    /// <summary>Position in the audit chain, 1, 2, 3 … without gaps; assigned when the row is saved.</summary>
    public long Sequence { get; set; }
    /// <summary>SHA-256 of the previous row's hash and this row's canonical content; assigned when the row is saved.</summary>
    public byte[] Hash { get; set; } = [];
}

/// <summary>
/// What happened to the audited record. Viewed, Revealed, Exported and Erased are the privacy access log (DOMAIN P1,
/// P3): a view of sensitive values, a reveal with its reason, a data-subject export and an erasure. Merged: other
/// records were merged into it; the changes explain how.
/// </summary>
public enum AuditAction { Created, Updated, Deleted, Viewed, Revealed, Exported, Erased, Merged }

/// <summary>One field's change; values are rendered as invariant strings, or <c>***</c> when redacted.</summary>
public sealed record AuditFieldChange(string Field, string? Old, string? New);
