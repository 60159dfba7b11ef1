using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>The access rules of the Quotes endpoints (package C): quotes.work first (403 without), then record access.</summary>
public static class QuotesAccessRules
{
    /// <summary>The roles holding <c>quotes.work</c>.</summary>
    public static readonly string[] QuoteWorkers = [Roles.Admin, Roles.SalesManager, Roles.SalesRep];

    /// <summary>On a quote id nobody has: 404 for quote workers, 403 first for everyone else.</summary>
    public static readonly AccessRule WorkersUnknown = EndpointTable.OnlyUnknown(QuoteWorkers);

    /// <summary>On a customer: quote workers who see it; 404 for those who do not; 403 first for everyone else.</summary>
    public static readonly AccessRule WorksOnCustomer = (role, relation) =>
        role is null ? Expect.Unauthenticated : !QuoteWorkers.Contains(role) ? Expect.Forbidden : EndpointTable.Sees(role, relation);

    /// <summary>Creating a quote for a customer named in the body: 400 for a customer the worker may not see.</summary>
    public static readonly AccessRule CreatesForCustomer = (role, relation) =>
        role is null ? Expect.Unauthenticated : !QuoteWorkers.Contains(role) ? Expect.Forbidden : EndpointTable.SeesReferenced(role, relation);
}
