using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>
/// One rep as a candidate for a deal (DOMAIN S5), with every part of the score: the win rate on similar closed deals
/// (same industry and amount band, last 24 months; <see cref="Won"/> of <see cref="Closed"/>, shrunk toward the team's
/// rate: (won + k·team) / (closed + k)), history with the customer (contacts and won deals) and open pipeline.
/// Score = <see cref="WinPoints"/> + <see cref="HistoryPoints"/> + <see cref="WorkloadPoints"/> (0–100).
/// </summary>
public sealed record RecommendedRepDto(
    Guid UserId, string Name, Guid? TeamId, decimal Score,
    int Won, int Closed, decimal TeamWinRate, decimal WinRate, decimal WinPoints,
    int Contacts, int WonWithCustomer, decimal HistoryPoints,
    int OpenCount, Money OpenAmount, decimal WorkloadPoints,
    bool IsOwner);

/// <summary>The ranked candidates for an opportunity, with what "similar" meant for it.</summary>
public sealed record RecommendationsDto(
    Guid OpportunityId, string? Industry, Money BandFrom, Money? BandTo, int Months, int K, IReadOnlyList<RecommendedRepDto> Reps);

/// <summary>Who an opportunity goes to.</summary>
public sealed record AssignInput(Guid? UserId);
