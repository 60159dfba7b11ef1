using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// The service report's sums for the cases opened on one local day (in the company calendar's zone, as yyyyMMdd) by one
/// owner, in one team and category (<see cref="Guid.Empty"/> for none): what the report adds up instead of reading the
/// cases (ADR 0100). Merged cases are not counted. Kept by <see cref="Features.ServiceReportSummary"/>.
/// </summary>
public sealed class ServiceReportCell
{
    public int Day { get; set; }
    public Guid OwnerId { get; set; }
    public Guid TeamId { get; set; }
    public Guid CategoryId { get; set; }
    public int Cases { get; set; }
    public int Resolved { get; set; }
    /// <summary>Resolved now or reopened at least once: the reopen rate's denominator.</summary>
    public int EverResolved { get; set; }
    public long FirstResponseSum { get; set; }
    public int FirstResponseCount { get; set; }
    public long ResolutionSum { get; set; }
    public int ResolutionCount { get; set; }
    public int Breached { get; set; }
    public int Reopened { get; set; }
    public int Answers { get; set; }
    public long CsatSum { get; set; }
    public int CsatCount { get; set; }
    public int NpsCount { get; set; }
    public int Promoters { get; set; }
    public int Detractors { get; set; }
}

/// <summary>
/// "The cells of this owner's cases opened on this case's day are out of date": written in the same save as the change
/// to a case, its figures or its surveys, for the key before and after it; taken by the next refresh.
/// </summary>
public sealed class ServiceReportMark
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid OwnerId { get; set; }
    /// <summary>The case's creation instant (UTC); its local day is worked out when the mark is taken.</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>The one row saying which time zone the cells' days are in; a different zone on the calendar means a rebuild.</summary>
public sealed class ServiceReportState
{
    public int Id { get; set; } = 1;
    public string Zone { get; set; } = "";
    public DateTime BuiltAt { get; set; }
}
