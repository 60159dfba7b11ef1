using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>The status rules of a case, pure.</summary>
public static class CaseRules
{
    /// <summary>Whether a resolved case can simply open again: resolved, not merged, and resolved at most <paramref name="reopenDays"/> ago.</summary>
    public static bool MayReopenInPlace(ServiceCase c, DateTime now, int reopenDays) =>
        c.Status == CaseStatus.Resolved && c.MergedIntoId is null && c.ResolvedAt is { } resolved && now - resolved <= TimeSpan.FromDays(reopenDays);

    /// <summary>The status after a public reply: waiting on the customer when asked, otherwise open.</summary>
    public static CaseStatus AfterReply(bool waitOnCustomer) => waitOnCustomer ? CaseStatus.WaitingOnCustomer : CaseStatus.Open;
}
