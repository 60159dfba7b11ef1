using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;

namespace Keqing.Modules.ReturnVisits.Domain;

/// <summary>The pure rules of return visits: when one is due, where it stands, and whether answers fit a form version.</summary>
public static class ReturnVisitRules
{
    public const int MaxDays = 365;
    public const int MaxQuestions = 50;
    public const int MaxChoices = 30;
    public const int MaxText = 2000;
    public const int MaxName = 200;
    public const int MaxQuestionText = 500;
    public const int MaxChoiceText = 100;
    public const int MaxReason = 500;
    /// <summary>A visit not done within a day of its due time is overdue, and not done on time.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>When a return visit after an order or closed case at <paramref name="at"/> is due, or null when the rule is off.</summary>
    public static DateTime? DueAt(ReturnVisitSource source, int? daysAfterOrder, int? daysAfterCase, DateTime at)
    {
        var days = source == ReturnVisitSource.Order ? daysAfterOrder : daysAfterCase;
        return days is { } d and >= 0 ? at.AddDays(d) : null;
    }

    public static ReturnVisitState StateOf(ReturnVisitStatus status, DateTime dueAt, DateTime now) => status switch
    {
        ReturnVisitStatus.Done => ReturnVisitState.Done,
        ReturnVisitStatus.Cancelled => ReturnVisitState.Cancelled,
        _ when now >= dueAt + Grace => ReturnVisitState.Overdue,
        _ when now >= dueAt => ReturnVisitState.Due,
        _ => ReturnVisitState.Upcoming,
    };

    public static bool OnTime(DateTime dueAt, DateTime? completedAt) => completedAt is { } done && done < dueAt + Grace;

    public static (int Min, int Max) Range(ScoreScale scale) => scale == ScoreScale.ZeroToTen ? (0, 10) : (1, 5);

    public static IReadOnlyList<QuestionDto> ReadQuestions(string json) =>
        JsonSerializer.Deserialize<List<QuestionDto>>(json, Json) ?? [];

    /// <summary>The stored answers; none when they were erased (a data-subject erasure leaves a placeholder, not JSON).</summary>
    public static IReadOnlyList<AnswerDto> ReadAnswers(string? json)
    {
        if (string.IsNullOrEmpty(json) || json[0] != '[') return [];
        try { return JsonSerializer.Deserialize<List<AnswerDto>>(json, Json) ?? []; }
        catch (JsonException) { return []; }
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }

    /// <summary>
    /// The questions of a form as the admin sent them, checked (field names questions[i].text …), with keys given or q1, q2 … by position.
    /// </summary>
    public static IReadOnlyList<QuestionDto> CheckQuestions(IReadOnlyList<QuestionInput>? input, FieldErrors errors)
    {
        var result = new List<QuestionDto>();
        if (input is null || input.Count == 0) { errors.Add("questions", FieldErrors.Text("A form has at least one question.")); return result; }
        if (input.Count > MaxQuestions) { errors.Add("questions", FieldErrors.Text("A form has at most {0} questions.", MaxQuestions)); return result; }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Count; i++)
        {
            var q = input[i];
            var at = $"questions[{i}]";
            if (q is null) { errors.Add(at, FieldErrors.Text("Required.")); continue; }
            var key = string.IsNullOrWhiteSpace(q.Key) ? $"q{i + 1}" : q.Key.Trim();
            if (key.Length > 40 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                errors.Add($"{at}.key", FieldErrors.Text("A key is at most 40 letters, digits, - or _."));
            else if (!keys.Add(key)) errors.Add($"{at}.key", FieldErrors.Text("Two questions have the key {0}.", key));
            var text = q.Text?.Trim() ?? "";
            if (text.Length == 0) errors.Add($"{at}.text", FieldErrors.Text("Required."));
            else if (text.Length > MaxQuestionText) errors.Add($"{at}.text", FieldErrors.Text("At most {0} characters.", MaxQuestionText));
            if (q.Kind is not { } kind || !Enum.IsDefined(kind)) { errors.Add($"{at}.kind", FieldErrors.Text("Required.")); continue; }
            var choices = (q.Choices ?? []).Select(c => c?.Trim() ?? "").ToList();
            if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
            {
                if (choices.Count < 2) errors.Add($"{at}.choices", FieldErrors.Text("A choice question has at least two choices."));
                else if (choices.Count > MaxChoices) errors.Add($"{at}.choices", FieldErrors.Text("At most {0} choices.", MaxChoices));
                else if (choices.Any(c => c.Length == 0 || c.Length > MaxChoiceText))
                    errors.Add($"{at}.choices", FieldErrors.Text("Each choice has 1 to {0} characters.", MaxChoiceText));
                else if (choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
                    errors.Add($"{at}.choices", FieldErrors.Text("The choices are different from each other."));
            }
            else choices = [];
            ScoreScale? scale = null;
            if (kind == QuestionKind.Score)
            {
                if (q.Scale is not { } s || !Enum.IsDefined(s)) errors.Add($"{at}.scale", FieldErrors.Text("A score question is 1-5 or 0-10."));
                else scale = s;
            }
            result.Add(new QuestionDto(key, text, kind, q.Required, choices, scale));
        }
        return result;
    }

    /// <summary>
    /// The answers checked against a form version's questions: every required question answered, a score within its
    /// range, choices among the question's; field errors name answers.{key}. Unknown keys are refused.
    /// </summary>
    public static IReadOnlyList<AnswerDto> CheckAnswers(IReadOnlyList<QuestionDto> questions, IReadOnlyList<AnswerInput>? input, FieldErrors errors)
    {
        var given = new Dictionary<string, AnswerInput>(StringComparer.Ordinal);
        foreach (var a in input ?? [])
        {
            if (a?.Key is not { Length: > 0 } key) { errors.Add("answers", FieldErrors.Text("Each answer names its question's key.")); continue; }
            if (!given.TryAdd(key, a)) errors.Add($"answers.{key}", FieldErrors.Text("Answered twice."));
        }
        foreach (var key in given.Keys.Where(k => questions.All(q => q.Key != k)))
            errors.Add($"answers.{key}", FieldErrors.Text("The form has no such question."));
        var result = new List<AnswerDto>();
        foreach (var q in questions)
        {
            var field = $"answers.{q.Key}";
            given.TryGetValue(q.Key, out var a);
            switch (q.Kind)
            {
                case QuestionKind.Text:
                    var text = a?.Text?.Trim();
                    if (string.IsNullOrEmpty(text)) { if (q.Required) errors.Add(field, FieldErrors.Text("Required.")); continue; }
                    if (text.Length > MaxText) { errors.Add(field, FieldErrors.Text("At most {0} characters.", MaxText)); continue; }
                    result.Add(new AnswerDto(q.Key, q.Text, q.Kind, text, [], null));
                    break;
                case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                    var picked = (a?.Choices ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
                    if (picked.Count == 0) { if (q.Required) errors.Add(field, FieldErrors.Text("Required.")); continue; }
                    if (picked.Any(c => !q.Choices.Contains(c))) { errors.Add(field, FieldErrors.Text("Pick among the form's choices.")); continue; }
                    if (q.Kind == QuestionKind.SingleChoice && picked.Count > 1) { errors.Add(field, FieldErrors.Text("Pick one choice.")); continue; }
                    result.Add(new AnswerDto(q.Key, q.Text, q.Kind, null, picked.OrderBy(c => IndexOf(q.Choices, c)).ToList(), null));
                    break;
                case QuestionKind.Score:
                    if (a?.Score is not { } score) { if (q.Required) errors.Add(field, FieldErrors.Text("Required.")); continue; }
                    var (min, max) = Range(q.Scale ?? ScoreScale.OneToFive);
                    if (score < min || score > max) { errors.Add(field, FieldErrors.Text("A score from {0} to {1}.", min, max)); continue; }
                    result.Add(new AnswerDto(q.Key, q.Text, q.Kind, null, [], score));
                    break;
            }
        }
        return result;
    }
}
