using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>Who reports distributors' monthly sales (sellthrough.report), for the endpoint table's sell-through rows.</summary>
public static class SellThroughAccessRules
{
    public static readonly string[] Reporters = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Analyst];
}
