using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>One stage of a pipeline as the API shows it.</summary>
public sealed record StageDto(Guid Id, string Name, int Order, int Probability, int? StuckAfterDays);

/// <summary>A pipeline with its live stages in order.</summary>
public sealed record PipelineDto(Guid Id, string Name, int Order, bool IsDefault, IReadOnlyList<StageDto> Stages, long Version);

/// <summary>A stage as an admin sends it: an existing stage by id (renamed, reordered), a new one without.</summary>
public sealed record StageInput(Guid? Id, string? Name, int? Probability, int? StuckAfterDays);

/// <summary>What an admin sends for a pipeline: its stages in order; a live stage left out is archived.</summary>
public sealed record PipelineInput(string? Name, int? Order, bool IsDefault, IReadOnlyList<StageInput>? Stages);

/// <summary>A won or lost reason of the admin lists.</summary>
public sealed record CloseReasonDto(Guid Id, CloseReasonKind Kind, string Text, int Order, bool Active);

/// <summary>What an admin sends for a won or lost reason.</summary>
public sealed record CloseReasonInput(CloseReasonKind? Kind, string? Text, int? Order, bool Active = true);

/// <summary>What a caller sends to create an opportunity (the API's shape of <see cref="OpportunityInput"/>).</summary>
public sealed record CreateOpportunityRequest(
    Guid CustomerId, string? Name, Money Amount, DateOnly? ExpectedCloseDate, Guid? PipelineId = null, Guid? StageId = null,
    int? Probability = null, ForecastCategory? ForecastCategory = null, Guid? ContactId = null, Guid? OwnerId = null,
    IReadOnlyList<string>? Competitors = null, string? NextStep = null);

/// <summary>
/// What a caller sends to change an opportunity (If-Match). A null probability goes back to the stage's default; a
/// number overrides it until cleared. The stage changes through move, the status through win and lose.
/// </summary>
public sealed record UpdateOpportunityRequest(
    string? Name, Money Amount, DateOnly? ExpectedCloseDate, int? Probability, ForecastCategory? ForecastCategory,
    IReadOnlyList<string>? Competitors, string? NextStep, Guid? ContactId = null, Guid? OwnerId = null);

/// <summary>A move to another stage of the same pipeline.</summary>
public sealed record MoveRequest(Guid? StageId);

/// <summary>Winning: a reason from the won list.</summary>
public sealed record WinRequest(string? Reason);

/// <summary>Losing: a reason from the lost list and whom the deal went to, if known.</summary>
public sealed record LoseRequest(string? Reason, string? Competitor);

/// <summary>An opportunity in a list or on a board card.</summary>
public sealed record OpportunitySummaryDto(
    Guid Id, string Name, Guid CustomerId, string CustomerName, Money Amount, DateOnly ExpectedCloseDate, Guid PipelineId,
    Guid StageId, string StageName, int Probability, ForecastCategory ForecastCategory, OpportunityStatus Status,
    Guid OwnerId, string OwnerName, Guid? TeamId, bool Stuck, DateTime StageEnteredAt, DateTime CreatedAt, long Version);

/// <summary>One stay in a stage: when it began, and how long it lasted (until now for the current stage of an open deal).</summary>
public sealed record StageStayDto(Guid StageId, string StageName, Guid? FromStageId, DateTime EnteredAt, DateTime? LeftAt,
    double DaysInStage, Guid? UserId, string? UserName);

/// <summary>One opportunity with everything on it: its fields, its stage history with the time in each stage.</summary>
public sealed record OpportunityDto(
    Guid Id, string Name, Guid CustomerId, string CustomerName, Guid? ContactId, Money Amount, DateOnly ExpectedCloseDate,
    Guid PipelineId, string PipelineName, Guid StageId, string StageName, int Probability, bool ProbabilityOverridden,
    ForecastCategory ForecastCategory, OpportunityStatus Status, Guid OwnerId, string OwnerName, Guid? TeamId,
    IReadOnlyList<string> Competitors, string? NextStep, string? CloseReason, string? LostTo, DateTime? ClosedAt,
    DateTime StageEnteredAt, bool Stuck, Guid? LeadId, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ArchivedAt,
    bool CanWrite, IReadOnlyList<StageStayDto> History, long Version);

/// <summary>A column's sums in one currency: Σ amount and Σ amount × probability, rounded once, to the fen.</summary>
public sealed record ColumnTotal(Money Amount, Money Weighted);

/// <summary>One stage of a board: its count and sums (all its open opportunities the caller sees) and its first cards.</summary>
public sealed record BoardColumn(StageDto Stage, int Count, IReadOnlyList<ColumnTotal> Totals, IReadOnlyList<OpportunitySummaryDto> Cards);

/// <summary>A pipeline's kanban board: a column per stage.</summary>
public sealed record BoardDto(PipelineDto Pipeline, IReadOnlyList<BoardColumn> Columns);
