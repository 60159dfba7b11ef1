using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>
/// The forecast's figures of one rep, one team or everything (DOMAIN S2), in one currency: open opportunities expected
/// to close in the period (pipeline; best case = best case + commit; commit) and their weighted amount
/// (Σ amount × probability / 100, exact in <see cref="WeightedExact"/>, rounded once to the fen in <see cref="Weighted"/>),
/// and what was won in the period by close date.
/// </summary>
public sealed record ForecastFigures(
    Money Pipeline, Money Weighted, decimal WeightedExact, Money BestCase, Money Commit, Money ClosedWon,
    int OpenCount, int BestCaseCount, int CommitCount, int WonCount);

/// <summary>One rep's figures within a team.</summary>
public sealed record ForecastRep(Guid UserId, string Name, ForecastFigures Figures);

/// <summary>One team's figures (the sum of its reps) and its reps; a null team holds the opportunities of owners without one.</summary>
public sealed record ForecastTeam(Guid? TeamId, string Name, ForecastFigures Figures, IReadOnlyList<ForecastRep> Reps);

/// <summary>The forecast of a period (a month <c>2026-12</c> or a quarter <c>2026Q4</c>) as the caller may see it.</summary>
public sealed record ForecastDto(string Period, DateOnly From, DateOnly To, string Currency, IReadOnlyList<ForecastTeam> Teams,
    ForecastFigures Total);

/// <summary>What a forecast figure counts (its click-through).</summary>
public enum ForecastMeasure { Pipeline, Weighted, BestCase, Commit, ClosedWon }

/// <summary>One opportunity behind a forecast figure.</summary>
public sealed record ForecastOpportunityDto(
    Guid Id, string Name, Guid CustomerId, string? CustomerName, Money Amount, int Probability, Money Weighted,
    ForecastCategory ForecastCategory, OpportunityStatus Status, Guid StageId, DateOnly ExpectedCloseDate, DateTime? ClosedAt,
    Guid OwnerId, Guid? TeamId);

/// <summary>The opportunities behind one figure (at most <c>limit</c>, <see cref="More"/> when there are others).</summary>
public sealed record ForecastOpportunitiesDto(IReadOnlyList<ForecastOpportunityDto> Items, bool More);
