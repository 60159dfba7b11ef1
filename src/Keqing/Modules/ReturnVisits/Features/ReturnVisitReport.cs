using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// The return-visit report over the done visits one may see, completed in the months from..to (yyyy-MM, UTC months;
/// default the last twelve): per form how many were done and on time (within a day of due), by month, each score
/// question's average and each choice question's count per choice. Questions are matched by key across a form's versions.
/// </summary>
public sealed class ReturnVisitReport(KeqingDb db, IRecordAccess access, TimeProvider clock)
{
    public const int MaxMonths = 36;

    public async Task<ReportDto> Handle(string? from, string? to, Guid? formId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        var last = Month(to, "to", errors) ?? new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var first = Month(from, "from", errors) ?? last.AddMonths(-11);
        if (!errors.Any && (first > last || first.AddMonths(MaxMonths) <= last))
            errors.Add("from", FieldErrors.Text("from is before to, at most {0} months apart.", MaxMonths));
        errors.ThrowIfAny();
        var end = last.AddMonths(1);

        var visible = await access.Visible(db.Set<ReturnVisit>().AsNoTracking(), ct);
        var done = await visible.Where(v => v.Status == ReturnVisitStatus.Done && v.CompletedAt >= first && v.CompletedAt < end && v.FormVersionId != null)
            .Join(db.Set<ReturnVisitFormVersion>(), v => v.FormVersionId, fv => (Guid?)fv.Id, (v, fv) => new { fv.FormId, v.DueAt, v.CompletedAt, v.AnswersJson })
            .Where(x => formId == null || x.FormId == formId)
            .ToListAsync(ct);
        var formIds = done.Select(d => d.FormId).Distinct().ToList();
        var forms = await db.Set<ReturnVisitForm>().AsNoTracking().Where(f => formIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var currentIds = forms.Values.Select(f => f.CurrentVersionId).ToList();
        var current = await db.Set<ReturnVisitFormVersion>().AsNoTracking().Where(v => currentIds.Contains(v.Id)).ToDictionaryAsync(v => v.FormId, ct);

        var result = new List<FormReportDto>();
        foreach (var group in done.GroupBy(d => d.FormId).OrderBy(g => forms[g.Key].Grade).ThenBy(g => forms[g.Key].Name))
        {
            var rows = group.ToList();
            var onTime = rows.Count(r => ReturnVisitRules.OnTime(r.DueAt, r.CompletedAt));
            var months = new List<MonthReportDto>();
            for (var m = first; m < end; m = m.AddMonths(1))
            {
                var inMonth = rows.Where(r => r.CompletedAt >= m && r.CompletedAt < m.AddMonths(1)).ToList();
                months.Add(new MonthReportDto(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), inMonth.Count,
                    inMonth.Count(r => ReturnVisitRules.OnTime(r.DueAt, r.CompletedAt))));
            }
            var answers = rows.SelectMany(r => ReturnVisitRules.ReadAnswers(r.AnswersJson)).ToList();
            var questions = Questions(current.TryGetValue(group.Key, out var v) ? ReturnVisitRules.ReadQuestions(v.QuestionsJson) : [], answers);
            result.Add(new FormReportDto(group.Key, forms[group.Key].Name, rows.Count, onTime, Percent(onTime, rows.Count), months, questions));
        }
        return new ReportDto(result);
    }

    /// <summary>Score and choice questions of the current version first, then keys only older versions had.</summary>
    private static List<QuestionReportDto> Questions(IReadOnlyList<QuestionDto> current, List<AnswerDto> answers)
    {
        var byKey = answers.ToLookup(a => a.Key);
        var keys = current.Select(q => new Asked(q.Key, q.Text, q.Kind, q.Choices))
            .Concat(answers.Where(a => current.All(q => q.Key != a.Key)).GroupBy(a => a.Key)
                .Select(g => new Asked(g.Key, g.Last().Question, g.Last().Kind, [])))
            .Where(q => q.Kind != QuestionKind.Text);
        return keys.Select(q =>
        {
            var given = byKey[q.Key].Where(a => a.Kind == q.Kind).ToList();
            decimal? average = null;
            var choices = new Dictionary<string, int>(StringComparer.Ordinal);
            if (q.Kind == QuestionKind.Score)
            {
                var scores = given.Where(a => a.Score is not null).Select(a => (decimal)a.Score!.Value).ToList();
                if (scores.Count > 0) average = Math.Round(scores.Average(), 2, MidpointRounding.AwayFromZero);
            }
            else
            {
                foreach (var c in q.Choices) choices[c] = 0;
                foreach (var c in given.SelectMany(a => a.Choices)) choices[c] = choices.GetValueOrDefault(c) + 1;
            }
            return new QuestionReportDto(q.Key, q.Text, q.Kind, given.Count, average, choices);
        }).ToList();
    }

    private sealed record Asked(string Key, string Text, QuestionKind Kind, IReadOnlyList<string> Choices);

    private static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    private static DateTime? Month(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParseExact(value.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var m)
            && m.Year is >= 2000 and <= 2100)
            return DateTime.SpecifyKind(new DateTime(m.Year, m.Month, 1), DateTimeKind.Utc);
        errors.Add(field, FieldErrors.Text("A month like 2026-12."));
        return null;
    }
}
