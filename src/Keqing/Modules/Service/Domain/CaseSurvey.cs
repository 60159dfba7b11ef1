using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// The satisfaction survey (DOMAIN V5) sent to a resolved case's contact: a CSAT (1–5) and NPS (0–10) answer through a
/// signed link, taken once (<see cref="Version"/> makes a second, concurrent answer fail), until <see cref="ExpiresAt"/>.
/// </summary>
[RecordType("service.survey")]
public sealed class CaseSurvey : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    [SubjectLink(SubjectType.Contact)] public Guid ContactId { get; set; }
    /// <summary>The language the email and the page are written in (zh-CN or en).</summary>
    public string Culture { get; set; } = "zh-CN";
    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public int? Csat { get; set; }
    public int? Nps { get; set; }
    [Personal(Sensitivity.Private)] public string? Comment { get; set; }
    /// <summary>The team manager's follow-up task after a low score.</summary>
    public Guid? FollowUpTaskId { get; set; }
    public long Version { get; set; }

    public bool IsLow(int csatAtMost, int npsAtMost) => Csat <= csatAtMost || Nps <= npsAtMost;
}

/// <summary>A manager's note closing seed 002's loop on a case (reviewed): one per case, replaced when written again.</summary>
[RecordType("service.review")]
public sealed class CaseReview : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    [Personal(Sensitivity.Private)] public string Note { get; set; } = "";
    public Guid ReviewerId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// A case's figures for the service report, kept as its events happen so the report sums columns instead of computing
/// business time per case: business minutes to the first response and to the (last) resolution on the company
/// calendar, whether an SLA target was breached, and how often it was reopened.
/// </summary>
public sealed class CaseMeasure
{
    public Guid CaseId { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
    public bool Breached { get; set; }
    public int Reopens { get; set; }
}
