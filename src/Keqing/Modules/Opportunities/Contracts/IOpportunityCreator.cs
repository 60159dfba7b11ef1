using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>
/// What a new opportunity is made of (an API call, a lead's conversion). A null pipeline is the default pipeline, a
/// null stage its first stage, a null probability the stage's default, a null owner the caller.
/// </summary>
public sealed record OpportunityInput(
    Guid CustomerId, string Name, Money Amount, DateOnly ExpectedCloseDate, Guid? PipelineId = null, Guid? StageId = null,
    int? Probability = null, ForecastCategory ForecastCategory = ForecastCategory.Pipeline, Guid? ContactId = null,
    Guid? OwnerId = null, IReadOnlyList<string>? Competitors = null, string? NextStep = null, Guid? LeadId = null);

/// <summary>
/// Makes an opportunity in the caller's unit of work (not saved), for other modules: a lead's conversion creates its
/// customer, contact and opportunity in one transaction.
/// </summary>
public interface IOpportunityCreator
{
    /// <summary>Adds the opportunity (validated; 400 naming every bad field) and returns its id.</summary>
    Task<Guid> Add(OpportunityInput input, CancellationToken ct);
}
