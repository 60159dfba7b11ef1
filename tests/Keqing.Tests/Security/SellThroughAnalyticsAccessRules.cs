using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>Access rules of the sell-through analytics endpoints (package G): trend, heat map, alerts, settings.</summary>
public static class SellThroughAnalyticsAccessRules
{
    /// <summary>The roles holding <c>sellthrough.report</c>.</summary>
    public static readonly string[] Reporters = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Analyst];
    /// <summary>The roles holding <c>sellthrough.analyse</c>: the heat map and every distributor's trend.</summary>
    public static readonly string[] Analysers = [Roles.Admin, Roles.SalesManager, Roles.Analyst];

    /// <summary>A distributor's trend: <c>sellthrough.report</c> first (403 without), any distributor for analysers, else record access (404).</summary>
    public static readonly AccessRule Trend = (role, relation) =>
        role is null ? Expect.Unauthenticated
        : !Reporters.Contains(role) ? Expect.Forbidden
        : Analysers.Contains(role) ? Expect.Allowed
        : EndpointTable.Sees(role, relation);
}
