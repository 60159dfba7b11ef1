namespace Keqing.Modules.Service.Features;

/// <summary>Settings under <c>Keqing:Service:Surveys</c>: the satisfaction survey after a case is resolved.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Keqing:Service:Surveys";

    /// <summary>Whether resolving a case sends its contact a survey.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How many days the link can be answered.</summary>
    public int ValidDays { get; set; } = 14;
    /// <summary>A CSAT at or below this is low (the team manager gets a follow-up task).</summary>
    public int LowCsatAtMost { get; set; } = 2;
    /// <summary>An NPS at or below this is low (a detractor).</summary>
    public int LowNpsAtMost { get; set; } = 6;
    /// <summary>Answers one client address may post per minute.</summary>
    public int AnswersPerMinute { get; set; } = 20;
}
