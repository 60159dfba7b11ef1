using CsCheck;
using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;

namespace Keqing.Tests.ReturnVisits;

/// <summary>Properties of the return-visit rules: when one is due, how its state moves with the clock, which answers a form takes.</summary>
public sealed class ReturnVisitRulesPropertyTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Gen<DateTime> Instants = Gen.Int[0, 400 * 24 * 60].Select(m => Start.AddMinutes(m));
    private static readonly Gen<int?> Days = Gen.Int[-1, ReturnVisitRules.MaxDays].Select(d => d < 0 ? (int?)null : d);

    [Fact]
    public void A_return_visit_is_due_its_sources_days_after_the_event_and_none_is_scheduled_when_the_rule_is_off() =>
        Gen.Select(Gen.Bool, Days, Days, Instants).Sample((afterOrder, order, @case, at) =>
        {
            var source = afterOrder ? ReturnVisitSource.Order : ReturnVisitSource.Case;
            var days = afterOrder ? order : @case;
            var due = ReturnVisitRules.DueAt(source, order, @case, at);
            return days is null ? due is null : due == at.AddDays(days.Value) && due >= at;
        });

    [Fact]
    public void An_open_visit_goes_upcoming_then_due_then_overdue_a_day_later_and_never_back() =>
        Gen.Select(Instants, Gen.Int[1, 60 * 24 * 5]).Sample((due, step) =>
        {
            var last = ReturnVisitState.Upcoming;
            for (var now = due.AddDays(-2); now < due.AddDays(3); now = now.AddMinutes(step))
            {
                var state = ReturnVisitRules.StateOf(ReturnVisitStatus.Open, due, now);
                var expected = now < due ? ReturnVisitState.Upcoming : now < due + ReturnVisitRules.Grace ? ReturnVisitState.Due : ReturnVisitState.Overdue;
                if (state != expected || state < last) return false;
                last = state;
                if (ReturnVisitRules.OnTime(due, now) != (state != ReturnVisitState.Overdue)) return false;
            }
            return ReturnVisitRules.StateOf(ReturnVisitStatus.Done, due, due.AddDays(9)) == ReturnVisitState.Done
                && ReturnVisitRules.StateOf(ReturnVisitStatus.Cancelled, due, due) == ReturnVisitState.Cancelled;
        });

    [Fact]
    public void A_score_is_taken_exactly_within_its_scale_and_a_choice_only_among_the_forms()
    {
        var choices = new[] { "满意", "一般", "不满意" };
        Gen.Select(Gen.Bool, Gen.Int[-3, 13], Gen.Bool, Gen.Int[0, 4], Gen.Int[0, 3]).Sample((zeroToTen, score, required, pick, extra) =>
        {
            var scale = zeroToTen ? ScoreScale.ZeroToTen : ScoreScale.OneToFive;
            QuestionDto[] questions =
            [
                new("s", "评分", QuestionKind.Score, required, [], scale),
                new("c", "选择", QuestionKind.MultipleChoice, required, choices, null),
            ];
            var picked = choices.Take(pick).Concat(extra == 0 ? new[] { "其他" } : Array.Empty<string>()).ToList();
            var errors = new FieldErrors();
            var answers = ReturnVisitRules.CheckAnswers(questions, [new AnswerInput("s", Score: score), new AnswerInput("c", Choices: picked)], errors);
            var (min, max) = ReturnVisitRules.Range(scale);
            var scoreOk = score >= min && score <= max;
            var choiceOk = picked.All(choices.Contains) && (picked.Count > 0 || !required);
            var bad = Errors(errors);
            return bad.Contains("answers.s") == !scoreOk && bad.Contains("answers.c") == !choiceOk
                && answers.Any(a => a.Key == "s") == scoreOk && answers.Any(a => a.Key == "c") == (choiceOk && picked.Count > 0);
        });
    }

    private static HashSet<string> Errors(FieldErrors errors)
    {
        try { errors.ThrowIfAny(); return []; }
        catch (ValidationFailedException e) { return [.. e.Errors.Keys]; }
    }
}
