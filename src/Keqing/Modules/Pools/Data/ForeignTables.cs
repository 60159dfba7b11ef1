namespace Keqing.Modules.Pools.Data;

/// <summary>
/// The other modules' tables and columns the recycle job and the pool list read in SQL (ADR 0080): the job must be
/// set-based over a million customers, which no contract method can be. Only these names are used, read-only except
/// the customer's owner, team, version and update time; <c>ForeignTablesTests</c> checks each against the EF model, so
/// a rename in Customers, Timeline or Opportunities fails a test rather than the job.
/// </summary>
public static class ForeignTables
{
    /// <summary>Customers' <c>Customer</c>: Id, OwnerId, TeamId, Grade, CreatedAt, ArchivedAt, Name, Province, City, Industry, Version, UpdatedAt.</summary>
    public const string Customers = "customers";

    /// <summary>Timeline's <c>Interaction</c> (a logged follow-up): CustomerId, OccurredAt.</summary>
    public const string Interactions = "timeline_interactions";

    /// <summary>Opportunities' <c>Opportunity</c>: CustomerId, Status ('Open', 'Won', 'Lost'), ArchivedAt.</summary>
    public const string Opportunities = "opportunities";

    public const string OpportunityOpen = "Open";
    public const string OpportunityWon = "Won";
}
