using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Pools.Domain;

/// <summary>
/// A customer pool (公海, DOMAIN C1): the customers nobody follows up return here by its rules, and its members claim
/// them. A pool collects the customers owned by its member users and by the members of its member teams.
/// </summary>
[RecordType("pools.pool")]
public sealed class Pool : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
    /// <summary>How many customers one member may claim from this pool per day (their local day).</summary>
    public int DailyClaimQuota { get; set; }
    /// <summary>Days a rep who lost a customer (recycled or released) waits before claiming it back.</summary>
    public int ReclaimWaitDays { get; set; }
    public List<PoolMember> Members { get; set; } = [];
    public List<PoolRule> Rules { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One user or one team belonging to a pool; an administrator assigns its customers.</summary>
public sealed class PoolMember
{
    public long Id { get; set; }
    public Guid PoolId { get; set; }
    public Guid? UserId { get; set; }
    public Guid? TeamId { get; set; }
    public bool Administrator { get; set; }
}

/// <summary>A pool's recycle rule for one customer grade (null: customers without a grade).</summary>
public sealed class PoolRule
{
    public long Id { get; set; }
    public Guid PoolId { get; set; }
    public CustomerGrade? Grade { get; set; }
    public int? DaysWithoutFollowUp { get; set; }
    public int? DaysWithoutWonDeal { get; set; }
    public bool SpareOpenOpportunities { get; set; }
    public int NoticeDays { get; set; }

    public RecycleRule ToRule() => new(DaysWithoutFollowUp, DaysWithoutWonDeal, SpareOpenOpportunities, NoticeDays);
}

/// <summary>
/// This module's state of one customer: the pool it waits in (its owner is then <see cref="Guid.Empty"/>, ADR 0080),
/// whether it is locked, and since when its owner has it (a claim or an assignment). A customer without a row is
/// owned, unlocked, owned since it was created.
/// </summary>
public sealed class PoolCustomer
{
    public Guid CustomerId { get; set; }
    public Guid? PoolId { get; set; }
    public DateTime? InPoolSince { get; set; }
    /// <summary><see cref="MoveReasons"/>: why it is in the pool.</summary>
    public string? Reason { get; set; }
    /// <summary>The releasing rep's words.</summary>
    public string? Note { get; set; }
    /// <summary>Who owned it before it came to the pool.</summary>
    public Guid? FromOwnerId { get; set; }
    public DateTime? LockedAt { get; set; }
    public Guid? LockedBy { get; set; }
    /// <summary>When its current owner claimed it or was assigned it.</summary>
    public DateTime? OwnedSince { get; set; }
    /// <summary>The recycle run that last moved it (the run writes the history of exactly its own moves).</summary>
    public Guid? RunId { get; set; }
    /// <summary>
    /// The later of <see cref="OwnedSince"/> (or the customer's creation) and its last follow-up, as the recycle job
    /// last read them: never later than the truth (a new follow-up or claim only moves the truth later), so the job
    /// finds every customer due for want of a follow-up in an index range below a cutoff. Null until the job sees it.
    /// </summary>
    public DateTime? FollowUpFrom { get; set; }
    /// <summary><see cref="OwnedSince"/> or the customer's creation, as the recycle job last read it: the same for the won-deal rule.</summary>
    public DateTime? OwnedFrom { get; set; }
}

/// <summary>How a customer moved.</summary>
public enum MoveKind { Recycled = 1, Released = 2, Claimed = 3, Assigned = 4 }

/// <summary>The reasons stored on a move and on a customer in a pool.</summary>
public static class MoveReasons
{
    public const string NoFollowUp = "no-follow-up";
    public const string NoWonDeal = "no-won-deal";
    public const string Released = "released";
    public const string Claimed = "claimed";
    public const string Assigned = "assigned";

    public static string Of(RecycleReason reason) => reason == RecycleReason.NoFollowUp ? NoFollowUp : NoWonDeal;
}

/// <summary>One move of a customer into or out of a pool: the history that travels with the customer.</summary>
public sealed class PoolMove
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public MoveKind Kind { get; set; }
    public Guid? PoolId { get; set; }
    public Guid? FromOwnerId { get; set; }
    public Guid? ToOwnerId { get; set; }
    public string Reason { get; set; } = "";
    public string? Note { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who did it; null for the recycle job.</summary>
    public Guid? ByUserId { get; set; }
    public Guid? RunId { get; set; }
}

/// <summary>An owner was warned that a customer returns to a pool at <see cref="DueAt"/>: once per customer and due time.</summary>
public sealed class PoolWarning
{
    public Guid CustomerId { get; set; }
    public DateTime DueAt { get; set; }
    public Guid OwnerId { get; set; }
    public Guid PoolId { get; set; }
    public DateTime WarnedAt { get; set; }
}
