using System.Text.Json.Serialization;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.ReturnVisits.Contracts;

/// <summary>What the Return visits module lets a role do (granted in <see cref="ReturnVisitsModule"/>'s manifest).</summary>
public static class ReturnVisitsCapabilities
{
    /// <summary>Do the return visits one may see: list, fill in the form, cancel.</summary>
    public const string Work = "return-visits.work";
    /// <summary>Define the forms per customer grade and the scheduling rules.</summary>
    public const string Manage = "return-visits.manage";
    /// <summary>Read the report of the return visits one may see.</summary>
    public const string Reports = "return-visits.reports";
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    [JsonStringEnumMemberName("text")] Text = 1,
    [JsonStringEnumMemberName("singleChoice")] SingleChoice = 2,
    [JsonStringEnumMemberName("multipleChoice")] MultipleChoice = 3,
    [JsonStringEnumMemberName("score")] Score = 4,
}

/// <summary>The range of a score question: 1–5 (stars) or 0–10 (NPS-like).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScoreScale>))]
public enum ScoreScale
{
    [JsonStringEnumMemberName("1-5")] OneToFive = 1,
    [JsonStringEnumMemberName("0-10")] ZeroToTen = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReturnVisitChannel>))]
public enum ReturnVisitChannel
{
    [JsonStringEnumMemberName("phone")] Phone = 1,
    [JsonStringEnumMemberName("inPerson")] InPerson = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReturnVisitStatus>))]
public enum ReturnVisitStatus
{
    [JsonStringEnumMemberName("open")] Open = 1,
    [JsonStringEnumMemberName("done")] Done = 2,
    [JsonStringEnumMemberName("cancelled")] Cancelled = 3,
}

/// <summary>What a return visit follows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnVisitSource>))]
public enum ReturnVisitSource
{
    [JsonStringEnumMemberName("order")] Order = 1,
    [JsonStringEnumMemberName("case")] Case = 2,
}

/// <summary>Where an open return visit stands at an instant: not yet due, due, overdue (a day past due).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnVisitState>))]
public enum ReturnVisitState
{
    [JsonStringEnumMemberName("upcoming")] Upcoming = 1,
    [JsonStringEnumMemberName("due")] Due = 2,
    [JsonStringEnumMemberName("overdue")] Overdue = 3,
    [JsonStringEnumMemberName("done")] Done = 4,
    [JsonStringEnumMemberName("cancelled")] Cancelled = 5,
}

/// <summary>One question of a form. <paramref name="Key"/> names its answers (given, or q1, q2 … by position when new).</summary>
public sealed record QuestionInput(string? Key, string? Text, QuestionKind? Kind, bool Required = false, IReadOnlyList<string>? Choices = null,
    ScoreScale? Scale = null);

/// <summary>A form for customers of one grade (null: customers of any grade without a form of their own).</summary>
public sealed record FormInput(string? Name, CustomerGrade? Grade, IReadOnlyList<QuestionInput>? Questions, bool Active = true);

public sealed record QuestionDto(string Key, string Text, QuestionKind Kind, bool Required, IReadOnlyList<string> Choices, ScoreScale? Scale);

/// <summary>A form with its current version's questions; <see cref="VersionNumber"/> grows when a used form is edited.</summary>
public sealed record FormDto(Guid Id, string Name, CustomerGrade? Grade, bool Active, Guid VersionId, int VersionNumber,
    IReadOnlyList<QuestionDto> Questions, DateTime UpdatedAt, long Version);

/// <summary>The scheduling rule of one grade (null: customers without a grade); days null = off (the default).</summary>
public sealed record RuleDto(CustomerGrade? Grade, int? DaysAfterOrder, int? DaysAfterCase, ReturnVisitChannel Channel);

/// <summary>An answer as a caller sends it: text for text, one choice for single choice, choices for multiple choice, score for score.</summary>
public sealed record AnswerInput(string? Key, string? Text = null, IReadOnlyList<string>? Choices = null, int? Score = null);

public sealed record CompleteRequest(IReadOnlyList<AnswerInput>? Answers, ReturnVisitChannel? Channel = null, string? Note = null);

public sealed record CancelRequest(string? Reason);

/// <summary>One stored answer with its question's text and kind as the form version had them.</summary>
public sealed record AnswerDto(string Key, string Question, QuestionKind Kind, string? Text, IReadOnlyList<string> Choices, int? Score);

/// <summary>
/// A return visit as the API shows it: what it follows, when it is due and its state now, who does it and how; once
/// done the answers against <see cref="FormVersionId"/>; while open the form to fill in and the contact-boundary warnings
/// for a contact now.
/// </summary>
public sealed record ReturnVisitDto(Guid Id, Guid CustomerId, string CustomerName, ReturnVisitSource Source, Guid SourceId, string SourceNumber,
    DateTime DueAt, ReturnVisitStatus Status, ReturnVisitState State, ReturnVisitChannel Channel, Guid OwnerId, string OwnerName, Guid? TeamId,
    Guid? FormId, Guid? FormVersionId, string? FormName, IReadOnlyList<QuestionDto> Questions, IReadOnlyList<AnswerDto> Answers, string? Note,
    DateTime? CompletedAt, bool OnTime, string? CancelReason, DateTime? CancelledAt, IReadOnlyList<string> Warnings, DateTime CreatedAt, long Version);

/// <summary>A return visit in a list.</summary>
public sealed record ReturnVisitSummaryDto(Guid Id, Guid CustomerId, string CustomerName, ReturnVisitSource Source, string SourceNumber,
    DateTime DueAt, ReturnVisitStatus Status, ReturnVisitState State, ReturnVisitChannel Channel, Guid OwnerId, string OwnerName,
    DateTime? CompletedAt, long Version);

/// <summary>The report of one form: for each month (in UTC, by completion) how many were done and how many on time.</summary>
public sealed record ReportDto(IReadOnlyList<FormReportDto> Forms);

public sealed record FormReportDto(Guid FormId, string FormName, int Done, int OnTime, decimal? OnTimePercent,
    IReadOnlyList<MonthReportDto> Months, IReadOnlyList<QuestionReportDto> Questions);

public sealed record MonthReportDto(string Month, int Done, int OnTime);

/// <summary>A score question's average (two places) or a choice question's count per choice, over the answers given.</summary>
public sealed record QuestionReportDto(string Key, string Question, QuestionKind Kind, int Answered, decimal? Average,
    IReadOnlyDictionary<string, int> Choices);
