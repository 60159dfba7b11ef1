using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// The service intake team (ADR 0110): the team that receives every case a customer opens themselves, in the portal or
/// by email. One row at most; none, or no team in it, keeps the old routing (the customer owner's team).
/// </summary>
[RecordType("service.intake-setting")]
public sealed class IntakeSetting : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid? TeamId { get; set; }
    public long Version { get; set; }
}
