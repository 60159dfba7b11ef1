using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>One hand-over (DOMAIN A4, T4): who gave whose customers to whom, when; audited, and kept with what moved.</summary>
[RecordType("timeline.handover", LegacyName = "Handover")]
public sealed class Handover : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid FromUserId { get; set; }
    public List<Guid> ToUserIds { get; set; } = [];
    public Guid ByUserId { get; set; }
    public int Customers { get; set; }
    public int Tasks { get; set; }
    public int Commitments { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One customer moved by a hand-over.</summary>
public sealed class HandoverItem
{
    public Guid HandoverId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid ToUserId { get; set; }
    public int Tasks { get; set; }
    public int Commitments { get; set; }
}
