using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>What an employee promised a customer, tracked to done or broken (DOMAIN T2).</summary>
[RecordType("timeline.commitment", LegacyName = "Commitment")]
public sealed class Commitment : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? InteractionId { get; set; }
    public string What { get; set; } = "";
    /// <summary>Who made the promise (history; never changes).</summary>
    public Guid PromisedById { get; set; }
    /// <summary>Who must keep it now (the promiser, until a hand-over moves it), and their team.</summary>
    public Guid OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTime DueAt { get; set; }
    public CommitmentStatus Status { get; set; } = CommitmentStatus.Open;
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
    public string? CloseNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>Open and past its due time.</summary>
    public bool IsOverdue(DateTime now) => Status == CommitmentStatus.Open && DueAt < now;
}
