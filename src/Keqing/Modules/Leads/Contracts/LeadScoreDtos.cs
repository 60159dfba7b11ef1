namespace Keqing.Modules.Leads.Contracts;

/// <summary>One rule that gave a lead points: <c>Text</c> reads like "+20 职位包含 采购" in the caller's language.</summary>
public sealed record ScoreReason(Guid RuleId, string Rule, int Points, string Text);

/// <summary>A lead's score now and every reason for it (the reasons add up to the total; DOMAIN S1: no opaque model).</summary>
public sealed record LeadScore(int Total, IReadOnlyList<ScoreReason> Reasons);

/// <summary>What <c>GET /api/leads/{id}/score</c> answers: the score computed now, the hot threshold, and whether the lead is hot.</summary>
public sealed record LeadScoreDto(Guid LeadId, int Total, int HotScore, bool Hot, IReadOnlyList<ScoreReason> Reasons);

/// <summary>A scoring rule as the admin API shows it.</summary>
public sealed record LeadScoringRuleDto(
    Guid Id, string Name, ScoringRuleKind Kind, string? Field, string? Operator, IReadOnlyList<string> Values,
    LeadActivityKind? Activity, int Points, int? DecayPercentPer30Days, bool Active, long Version);
