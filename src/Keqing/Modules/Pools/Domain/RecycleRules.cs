using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Pools.Domain;

/// <summary>Why a customer returns to its pool.</summary>
public enum RecycleReason { NoFollowUp = 1, NoWonDeal = 2 }

/// <summary>A pool's rule for one grade (see <see cref="Contracts.PoolRuleInput"/>).</summary>
public sealed record RecycleRule(int? DaysWithoutFollowUp, int? DaysWithoutWonDeal, bool SpareOpenOpportunities, int NoticeDays);

/// <summary>
/// What the recycle job knows of an owned customer: locked (锁定), won (成交: a won deal, ever), an open opportunity,
/// since when its owner has it, and its last logged follow-up.
/// </summary>
public sealed record CustomerFacts(CustomerGrade? Grade, bool Locked, bool HasWonDeal, bool HasOpenOpportunity,
    DateTime OwnedSince, DateTime? LastFollowUpAt);

/// <summary>What happens to a customer now: nothing, a warning to its owner, or the move to the pool.</summary>
public abstract record RecycleDecision
{
    public sealed record Stays : RecycleDecision;
    public sealed record Warn(DateTime DueAt, RecycleReason Reason) : RecycleDecision;
    public sealed record RecycleNow(RecycleReason Reason) : RecycleDecision;
}

/// <summary>
/// The recycle rules, pure (the job's set-based SQL states the same conditions; RecycleSqlTests compare them):
/// a locked or won customer never moves, nor one with an open opportunity when the rule spares those. Otherwise it is
/// due <c>DaysWithoutFollowUp</c> after the later of its owner getting it and its last follow-up, and
/// <c>DaysWithoutWonDeal</c> after its owner got it; at a due time it moves (no follow-up first when both are due),
/// within <c>NoticeDays</c> before the earliest its owner is warned.
/// </summary>
public static class RecycleRules
{
    public const int MaxDays = 3650;

    public static RecycleDecision Decide(CustomerFacts facts, RecycleRule? rule, DateTime now)
    {
        if (rule is null || facts.Locked || facts.HasWonDeal) return new RecycleDecision.Stays();
        if (rule.SpareOpenOpportunities && facts.HasOpenOpportunity) return new RecycleDecision.Stays();
        var followUpDue = FollowUpDue(facts, rule);
        var wonDue = rule.DaysWithoutWonDeal is { } w ? facts.OwnedSince.AddDays(w) : (DateTime?)null;
        if (followUpDue <= now) return new RecycleDecision.RecycleNow(RecycleReason.NoFollowUp);
        if (wonDue <= now) return new RecycleDecision.RecycleNow(RecycleReason.NoWonDeal);
        var (due, reason) = (followUpDue, wonDue) switch
        {
            ({ } f, { } d) => f <= d ? (f, RecycleReason.NoFollowUp) : (d, RecycleReason.NoWonDeal),
            ({ } f, null) => (f, RecycleReason.NoFollowUp),
            (null, { } d) => (d, RecycleReason.NoWonDeal),
            _ => (DateTime.MaxValue, RecycleReason.NoFollowUp),
        };
        return due != DateTime.MaxValue && due.AddDays(-rule.NoticeDays) <= now
            ? new RecycleDecision.Warn(due, reason)
            : new RecycleDecision.Stays();
    }

    private static DateTime? FollowUpDue(CustomerFacts facts, RecycleRule rule)
    {
        if (rule.DaysWithoutFollowUp is not { } days) return null;
        var from = facts.LastFollowUpAt is { } last && last > facts.OwnedSince ? last : facts.OwnedSince;
        return from.AddDays(days);
    }
}

/// <summary>The claiming rules, pure: the daily quota and the wait before a rep may claim back a customer they lost.</summary>
public static class ClaimRules
{
    /// <summary>How many more customers a member may claim today.</summary>
    public static int Left(int quota, int claimedToday) => Math.Max(0, quota - claimedToday);

    /// <summary>From when a rep who lost a customer at <paramref name="lostAt"/> may claim it again; null when they never lost it.</summary>
    public static DateTime? ReclaimFrom(DateTime? lostAt, int waitDays) => lostAt?.AddDays(waitDays);

    public static bool MayReclaim(DateTime? lostAt, int waitDays, DateTime now) => ReclaimFrom(lostAt, waitDays) is not { } from || from <= now;
}
