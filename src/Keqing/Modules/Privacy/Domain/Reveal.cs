using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Privacy.Domain;

/// <summary>One user's logged reveal of one category of one record, with the reason; it shows the values until it expires.</summary>
public sealed class Reveal
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    /// <summary>The record type key of the revealed record (<c>customers.customer</c>, or any module's).</summary>
    public required string RecordType { get; set; }
    public Guid SubjectId { get; set; }
    public Sensitivity Category { get; set; }
    public required string Reason { get; set; }
    public DateTime At { get; set; }
    public DateTime ExpiresAt { get; set; }
}
