using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>One audit entry as the API shows it; <see cref="EntityType"/> is the record type key.</summary>
public sealed record AuditEntryDto(Guid Id, string EntityType, Guid EntityId, AuditAction Action, Guid? UserId,
    string? UserName, DateTime At, IReadOnlyList<AuditFieldChange> Changes);

/// <summary>Reads the audit trail of one record, newest first, with what the caller may not see masked (DOMAIN P1).</summary>
public interface IAuditTrail
{
    /// <summary>The trail of a record whose visibility the caller (a module's own endpoint or page) has checked already.</summary>
    Task<Page<AuditEntryDto>> Read(string recordType, Guid id, int? limit, string? after, CancellationToken ct);
}
