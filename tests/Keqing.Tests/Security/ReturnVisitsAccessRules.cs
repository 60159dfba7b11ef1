using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>Who may do return visits and read their report, and the bodies the access matrix sends (package H, session 13).</summary>
public static class ReturnVisitsAccessRules
{
    public static readonly string[] Workers = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.ServiceManager, Roles.ServiceAgent];
    public static readonly string[] Reporters = [Roles.Admin, Roles.SalesManager, Roles.ServiceManager];

    /// <summary>An inactive form (any number of them may exist for a grade), so every allowed call can create one.</summary>
    public static object Form() => new
    {
        name = "矩阵回访问卷", grade = "A", active = false,
        questions = new object[] { new { text = "您对本次服务满意吗？", kind = "score", required = true, scale = "1-5" } },
    };

    public static object[] Rules() => [new { grade = "A", daysAfterOrder = (int?)null, daysAfterCase = (int?)null, channel = "phone" }];
}
