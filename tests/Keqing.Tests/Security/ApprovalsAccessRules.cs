namespace Keqing.Tests.Security;

/// <summary>The bodies the endpoint table sends to the Approvals endpoints (package B).</summary>
public static class ApprovalsAccessRules
{
    /// <summary>A flow for Quotes' record type, with one manager step (a 400 where no module handles that type yet).</summary>
    public static readonly object FlowBody = new
    {
        recordType = "quotes.quote", name = "矩阵审批流", active = true, discountAbovePercent = 10m,
        steps = new[] { new { name = "直属上级", approver = "manager", managerLevel = 1, mode = "any", fallback = "next-level" } },
    };

    /// <summary>Hand my approvals to another user for a week.</summary>
    public static object DelegationBody(AccessCell c) =>
        new { toUserId = c.OtherUserId, endsAt = DateTime.UtcNow.AddDays(7) };
}
