using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>The designed access of the Service module's endpoints and pages (package A of session 12).</summary>
public static class ServiceAccessRules
{
    /// <summary>The roles holding <c>service.cases.work</c>.</summary>
    public static readonly string[] Workers = [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent];

    /// <summary>A case one works by id, on an id nobody has: 404 for those who work cases, 403 first for everyone else.</summary>
    public static readonly AccessRule WorkersUnknown = EndpointTable.OnlyUnknown(Workers);
}
