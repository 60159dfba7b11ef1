using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Pools.Domain;

/// <summary>
/// How many customers one person may hold (DOMAIN C1, 客户上限): set for a user, or for a team (then for each of its
/// members who has no limit of their own). <see cref="MaxOwned"/> caps the customers they own (won ones counted only
/// when <see cref="CountWonCustomers"/>), <see cref="MaxLocked"/> those of them that are locked; null: no cap.
/// </summary>
[RecordType("pools.customer-limit")]
public sealed class CustomerLimit : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? UserId { get; set; }
    public Guid? TeamId { get; set; }
    public int? MaxOwned { get; set; }
    public int? MaxLocked { get; set; }
    public bool CountWonCustomers { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
