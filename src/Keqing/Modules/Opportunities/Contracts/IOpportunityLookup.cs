namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>An opportunity as other modules need it to start from it (a quote from an opportunity).</summary>
public sealed record OpportunityInfo(Guid Id, Guid CustomerId, string Name, Guid OwnerId);

/// <summary>Opportunities for other modules.</summary>
public interface IOpportunityLookup
{
    /// <summary>The live opportunity if the caller may see it, else null.</summary>
    Task<OpportunityInfo?> FindVisible(Guid id, CancellationToken ct);
}
