using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>
/// The designed access of the collaborators endpoints (package G of session 13, ADR 0090): record access on the record,
/// behind the capability of its module. The matrix's world holds customers and leads; opportunities, quotes and cases
/// are reached with an id nobody has (404 for those who work them, 403 first for everyone else).
/// </summary>
public static class CollaboratorsAccessRules
{
    /// <summary>The roles holding <c>opportunities.work</c> (and <c>quotes.work</c>: the same roles).</summary>
    public static readonly string[] Sellers = [Roles.Admin, Roles.SalesManager, Roles.SalesRep];

    public static readonly AccessRule OpportunityWorkersUnknown = EndpointTable.OnlyUnknown(Sellers);
    public static readonly AccessRule QuoteWorkersUnknown = EndpointTable.OnlyUnknown(Sellers);
    public static readonly AccessRule CaseWorkersUnknown = ServiceAccessRules.WorkersUnknown;
}
