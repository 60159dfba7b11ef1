namespace Keqing.Modules.Leads.Contracts;

/// <summary>How the lead response report groups its leads.</summary>
public enum LeadResponseGroupBy { Rep = 0, Team = 1, Source = 2 }

/// <summary>
/// One group of the lead response report: its leads, how many were answered, the median and 90th percentile of the
/// business minutes from the clock's start to the first response (of the answered; nearest rank), how many breached
/// (answered late, or unanswered past the deadline) and how many are still open unanswered past their deadline.
/// </summary>
public sealed record LeadResponseRow(string Key, string Label, int Leads, int Answered, double? MedianMinutes, double? P90Minutes,
    int Breached, int OpenPastDeadline);

/// <summary>The lead response report over the leads created from <see cref="From"/> to <see cref="To"/> (local dates, inclusive) that the caller may see.</summary>
public sealed record LeadResponseReport(DateOnly From, DateOnly To, LeadResponseGroupBy GroupBy, IReadOnlyList<LeadResponseRow> Rows, LeadResponseRow Total);
