using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;

namespace Keqing.Modules.Approvals.Features;

/// <summary>The pure rules of the engine: whether a flow's conditions hold, and who a manager step's chain gives.</summary>
public static class FlowRules
{
    /// <summary>
    /// Where a submission goes: the first flow (in the order given) whose conditions hold; when none holds and the
    /// discount is above the submitter's limit, a step of the submitter's manager (<c>LimitStep</c>), so a discount
    /// beyond one's authority is never approved unseen; otherwise nowhere (approved at once).
    /// </summary>
    public static (ApprovalFlow? Flow, bool LimitStep) Route(IEnumerable<ApprovalFlow> flowsInOrder, ApprovalFacts facts)
    {
        var flow = flowsInOrder.FirstOrDefault(f => Matches(f, facts));
        return (flow, flow is null && facts.AboveDiscountLimit);
    }

    /// <summary>
    /// Every condition the flow sets holds: the discount is above its limit, the discount above the submitter's own
    /// limit, the amount (same currency) above its limit, the grade in its set. A condition on a fact the record does
    /// not give does not hold.
    /// </summary>
    public static bool Matches(ApprovalFlow flow, ApprovalFacts facts)
    {
        if (flow.DiscountAbovePercent is { } discount && !(facts.DiscountPercent is { } d && d > discount)) return false;
        if (flow.DiscountAboveSubmitterLimit && !facts.AboveDiscountLimit) return false;
        if (flow.AmountAboveMinor is { } amount &&
            !(facts.Amount is { } a && a.Currency == flow.AmountCurrency && a.MinorUnits > amount)) return false;
        var grades = Grades(flow.CustomerGrades);
        if (grades.Count > 0 && !(facts.CustomerGrade is { } g && grades.Contains(g.Trim(), StringComparer.OrdinalIgnoreCase))) return false;
        return true;
    }

    public static IReadOnlyList<string> Grades(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<Guid> Ids(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    /// <summary>
    /// The submitter's managers going up: [0] their team's manager, [1] that manager's team's manager … The chain
    /// stops where a user has no manager, is their own manager (they head their team) or a manager comes round again.
    /// </summary>
    public static IReadOnlyList<Guid> ManagerChain(Guid submitter, Func<Guid, Guid?> managerOf, int maxLevels = 10)
    {
        var chain = new List<Guid>();
        var seen = new HashSet<Guid> { submitter };
        var current = submitter;
        while (chain.Count < maxLevels && managerOf(current) is { } next && seen.Add(next))
        {
            chain.Add(next);
            current = next;
        }
        return chain;
    }

    /// <summary>
    /// The manager a step N levels up gets: level N of the chain when that manager is active; when they are missing
    /// (the chain is shorter, or they left) and the step falls back to the next level up, the nearest active manager
    /// above; otherwise none (the step's other fallbacks apply).
    /// </summary>
    public static Guid? ManagerAt(IReadOnlyList<Guid> chain, int level, bool nextLevelUp, Func<Guid, bool> isActive)
    {
        if (level < 1) return null;
        if (level <= chain.Count && isActive(chain[level - 1])) return chain[level - 1];
        if (!nextLevelUp) return null;
        for (var i = level; i < chain.Count; i++)
            if (isActive(chain[i])) return chain[i];
        return null;
    }
}
