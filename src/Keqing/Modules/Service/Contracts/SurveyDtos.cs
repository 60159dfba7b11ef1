namespace Keqing.Modules.Service.Contracts;

/// <summary>What a contact answers on the survey page or through <c>POST /api/public/surveys/{token}</c>.</summary>
public sealed record SurveyAnswer(int? Csat, int? Nps, string? Comment);

/// <summary>
/// Seed 002's loop on one case: listened (received), acted (first response, or the SLA's promised time while none),
/// resolved, measured (the latest survey), reviewed (a manager's note).
/// </summary>
public sealed record CaseLoopDto(
    Guid CaseId, DateTime ReceivedAt, DateTime? FirstResponseAt, DateTime? PromisedBy, DateTime? ResolvedAt,
    CaseSurveyDto? Survey, CaseReviewDto? Review, bool CanReview);

public sealed record CaseSurveyDto(DateTime SentAt, DateTime ExpiresAt, DateTime? AnsweredAt, int? Csat, int? Nps, string? Comment, bool Low,
    Guid? FollowUpTaskId);

public sealed record CaseReviewDto(string Note, Guid ReviewerId, string? ReviewerName, DateTime At);

public sealed record CaseReviewRequest(string? Note);

/// <summary>How the service report groups cases.</summary>
public enum ServiceReportGroupBy { Agent, Team, Category, Month }

/// <summary>
/// The service report over the cases opened from <see cref="From"/> to <see cref="To"/> (local days, inclusive) that the
/// caller may see: one row per agent, team, category or month, and the total.
/// </summary>
public sealed record ServiceReport(DateOnly From, DateOnly To, ServiceReportGroupBy GroupBy, IReadOnlyList<ServiceReportRow> Rows, ServiceReportRow Total);

/// <summary>
/// One group's figures: cases opened, resolved, average business minutes to first response and to resolution (company
/// calendar), cases with an SLA breach, cases reopened and their share of the cases ever resolved, answered surveys, CSAT average
/// (1–5) and NPS (promoters − detractors, in percent of NPS answers).
/// </summary>
public sealed record ServiceReportRow(
    string Key, string Label, int Cases, int Resolved, double? AvgFirstResponseMinutes, double? AvgResolutionMinutes,
    int Breached, int Reopened, double? ReopenRate, int Answers, double? Csat, double? Nps);
