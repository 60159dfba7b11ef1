using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>Who works in the field (field.visit) and who sees a team's day (field.team-day), for the endpoint table's field-work rows.</summary>
public static class FieldWorkAccessRules
{
    public static readonly string[] Visitors = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.ServiceManager, Roles.ServiceAgent];
    public static readonly string[] TeamDayViewers = [Roles.Admin, Roles.SalesManager, Roles.ServiceManager];

    /// <summary>field.visit first (403 without), then record access on the customer in the route.</summary>
    public static readonly AccessRule SeesCustomer = (role, relation) =>
        role is null ? Expect.Unauthenticated : !Visitors.Contains(role) ? Expect.Forbidden : EndpointTable.Sees(role, relation);

    /// <summary>field.visit first (403 without), then record access on the customer named in the body (400 when unseen).</summary>
    public static readonly AccessRule SeesReferencedCustomer = (role, relation) =>
        role is null ? Expect.Unauthenticated : !Visitors.Contains(role) ? Expect.Forbidden : EndpointTable.SeesReferenced(role, relation);
}
