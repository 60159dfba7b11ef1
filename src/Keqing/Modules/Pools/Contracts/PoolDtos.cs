using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Pools.Contracts;

/// <summary>A member of a pool: one user or a whole team; an administrator may also assign the pool's customers.</summary>
public sealed record PoolMemberInput(Guid? UserId, Guid? TeamId, bool Administrator = false);

/// <summary>
/// When a customer of a grade (null: customers without a grade) returns to the pool: after days without a logged
/// follow-up, and/or days without a won deal, counted from the later of the owner getting it and the last follow-up;
/// customers with an open opportunity may be spared; the owner is warned <paramref name="NoticeDays"/> days before.
/// </summary>
public sealed record PoolRuleInput(CustomerGrade? Grade, int? DaysWithoutFollowUp, int? DaysWithoutWonDeal,
    bool SpareOpenOpportunities = true, int NoticeDays = 3);

/// <summary>What a pool's create or replace sends.</summary>
public sealed record PoolInput(string? Name, int? DailyClaimQuota, int? ReclaimWaitDays,
    List<PoolMemberInput>? Members, List<PoolRuleInput>? Rules);

public sealed record PoolDto(Guid Id, string Name, int DailyClaimQuota, int ReclaimWaitDays,
    IReadOnlyList<PoolMemberInput> Members, IReadOnlyList<PoolRuleInput> Rules, long Version);

/// <summary>
/// A customer waiting in a pool, as its members see it: no owner, no contact details, no notes; why it is here
/// (<c>no-follow-up</c>, <c>no-won-deal</c> or <c>released</c> with the releasing rep's reason).
/// </summary>
public sealed record PoolCustomerDto(Guid CustomerId, string Name, string? Province, string? City, string? Industry,
    CustomerGrade? Grade, DateTime? LastFollowUpAt, DateTime InPoolSince, string Reason, string? ReasonNote);

/// <summary>Customers to claim from a pool, or to assign from it to a user.</summary>
public sealed record ClaimRequest(List<Guid>? CustomerIds);

public sealed record AssignRequest(List<Guid>? CustomerIds, Guid? UserId);

/// <summary>An owner gives a customer back to a pool, saying why.</summary>
public sealed record ReleaseRequest(Guid? PoolId, string? Reason);

/// <summary>What a claim, an assignment or a release moved.</summary>
public sealed record MoveResult(int Moved);

/// <summary>Whether a customer is locked (锁定: never recycled) and whether it waits in a pool.</summary>
public sealed record CustomerPoolState(Guid CustomerId, bool Locked, DateTime? LockedAt, Guid? PoolId);

/// <summary>One move of a customer between owners and pools (the history that travels with the customer).</summary>
public sealed record PoolMoveDto(Guid Id, Guid CustomerId, string Kind, Guid? PoolId, Guid? FromOwnerId, Guid? ToOwnerId,
    string Reason, string? Note, DateTime At, Guid? ByUserId);
