using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Identity.Domain;

/// <summary>A group of employees with a manager, who sees the records the team owns.</summary>
[RecordType("identity.team", LegacyName = "Team")]
public sealed class Team : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public required string Name { get; set; }
    public Guid? ManagerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}
