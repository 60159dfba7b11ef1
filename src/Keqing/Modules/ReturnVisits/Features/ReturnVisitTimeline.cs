using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>Puts a done return visit on its customer's timeline (chip 回访) with its answers, in the caller's unit of work.</summary>
public sealed class ReturnVisitTimeline(ITimelinePublisher publisher)
{
    public const string Module = "return-visits";
    public const string Type = "return-visit";

    public void Done(ReturnVisit v, string customerName, IReadOnlyList<AnswerDto> answers) => publisher.Publish(new TimelineEntryInput(
        v.CustomerId, v.CompletedAt ?? v.UpdatedAt, Type, v.Channel == ReturnVisitChannel.InPerson ? "visit" : "call", v.CompletedBy ?? v.OwnerId,
        v.TeamId, FieldErrors.Text("Return visit to {0}", customerName), Summary(answers, v.Note), Module, v.Id));

    /// <summary>"Question: answer" per answer, one a line, then the note.</summary>
    public static string Summary(IReadOnlyList<AnswerDto> answers, string? note)
    {
        var lines = answers.Select(a => $"{a.Question}: {Value(a)}").ToList();
        if (!string.IsNullOrWhiteSpace(note)) lines.Add(note);
        return string.Join("\n", lines);
    }

    private static string? Value(AnswerDto a) => a.Kind switch
    {
        QuestionKind.Score => a.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        QuestionKind.Text => a.Text,
        _ => string.Join("、", a.Choices),
    };
}
