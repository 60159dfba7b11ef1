using System.Globalization;
using System.Linq.Expressions;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The service report (DOMAIN V5): the cases opened in a period that the caller may see (record access: an agent their
/// own, a manager their teams', an admin all), by agent, team, category or month. Everything is summed in SQL over the
/// cases and their kept figures (<see cref="CaseMeasure"/>, answered <see cref="CaseSurvey"/>s): two grouped queries,
/// whatever the number of cases; no business time is computed here.
/// </summary>
public sealed class ServiceReporting(KeqingDb db, IRecordAccess access, IUserDirectory users, CaseCategories categories,
    ICompanyCalendar calendar, TimeProvider clock)
{
    public const int MaxDays = 366;

    /// <summary>One case (or one answered survey of a case) as the grouped queries read it.</summary>
    public sealed class Row
    {
        public Guid OwnerId { get; init; }
        public Guid? TeamId { get; init; }
        public Guid? CategoryId { get; init; }
        public int Month { get; init; }
        public int? FirstResponseMinutes { get; init; }
        public int? ResolutionMinutes { get; init; }
        public bool Resolved { get; init; }
        public bool Breached { get; init; }
        public bool Reopened { get; init; }
        public int? Csat { get; init; }
        public int? Nps { get; init; }
    }

    private sealed record Sums(int Cases, int Resolved, int EverResolved, long FirstResponseSum, int FirstResponseCount, long ResolutionSum, int ResolutionCount,
        int Breached, int Reopened, int Answers, long CsatSum, int CsatCount, int NpsCount, int Promoters, int Detractors)
    {
        public static readonly Sums Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public static Sums operator +(Sums a, Sums b) => new(a.Cases + b.Cases, a.Resolved + b.Resolved, a.EverResolved + b.EverResolved,
            a.FirstResponseSum + b.FirstResponseSum, a.FirstResponseCount + b.FirstResponseCount, a.ResolutionSum + b.ResolutionSum,
            a.ResolutionCount + b.ResolutionCount, a.Breached + b.Breached, a.Reopened + b.Reopened, a.Answers + b.Answers,
            a.CsatSum + b.CsatSum, a.CsatCount + b.CsatCount, a.NpsCount + b.NpsCount, a.Promoters + b.Promoters, a.Detractors + b.Detractors);
    }

    public async Task<ServiceReport> Report(DateOnly? from, DateOnly? to, string? groupBy, CancellationToken ct)
    {
        var business = await calendar.Current(ct);
        var now = clock.GetUtcNow();
        var last = to ?? business.LocalDate(now);
        var first = from ?? last.AddDays(-29);
        var errors = new FieldErrors();
        ServiceReportGroupBy grouping = default;
        if ((groupBy is not null && !Enum.TryParse(groupBy, ignoreCase: true, out grouping)) || !Enum.IsDefined(grouping))
            errors.Add("groupBy", FieldErrors.Text("groupBy is one of agent, team, category, month."));
        if (first > last) errors.Add("from", FieldErrors.Text("from must not be after to."));
        else if (last.DayNumber - first.DayNumber >= MaxDays) errors.Add("to", FieldErrors.Text("At most {0} days at a time.", MaxDays));
        errors.ThrowIfAny();

        var start = LocalMidnight(business, first);
        var end = LocalMidnight(business, last.AddDays(1));
        // Months are the calendar's: its offset at the start (China keeps one offset all year).
        var offsetHours = business.Zone.GetUtcOffset(start).TotalHours;
        var cases = (await access.Visible(db.Set<ServiceCase>().AsNoTracking(), ct))
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end && c.MergedIntoId == null);
        var caseRows =
            from c in cases
            join m in db.Set<CaseMeasure>().AsNoTracking() on c.Id equals m.CaseId into measures
            from m in measures.DefaultIfEmpty()
            select new Row
            {
                OwnerId = c.OwnerId, TeamId = c.TeamId, CategoryId = c.CategoryId,
                Month = c.CreatedAt.AddHours(offsetHours).Year * 100 + c.CreatedAt.AddHours(offsetHours).Month,
                FirstResponseMinutes = m == null ? null : m.FirstResponseMinutes,
                ResolutionMinutes = m == null || c.ResolvedAt == null ? null : m.ResolutionMinutes,
                Resolved = c.ResolvedAt != null, Breached = m != null && m.Breached, Reopened = m != null && m.Reopens > 0,
            };
        var surveyRows =
            from s in db.Set<CaseSurvey>().AsNoTracking()
            where s.AnsweredAt != null
            join c in cases on s.CaseId equals c.Id
            select new Row
            {
                OwnerId = c.OwnerId, TeamId = c.TeamId, CategoryId = c.CategoryId,
                Month = c.CreatedAt.AddHours(offsetHours).Year * 100 + c.CreatedAt.AddHours(offsetHours).Month,
                Csat = s.Csat, Nps = s.Nps,
            };

        var sums = grouping switch
        {
            ServiceReportGroupBy.Team => await Grouped(caseRows, surveyRows, r => r.TeamId, ct),
            ServiceReportGroupBy.Category => await Grouped(caseRows, surveyRows, r => r.CategoryId, ct),
            ServiceReportGroupBy.Month => await Grouped(caseRows, surveyRows, r => r.Month, ct),
            _ => await Grouped(caseRows, surveyRows, r => r.OwnerId, ct),
        };
        var labels = await Labels(grouping, sums.Keys, ct);
        var rows = sums.Select(s => RowOf(s.Key, labels.GetValueOrDefault(s.Key) ?? s.Key, s.Value));
        rows = grouping == ServiceReportGroupBy.Month ? rows.OrderBy(r => r.Key, StringComparer.Ordinal) : rows.OrderBy(r => r.Label, StringComparer.Ordinal);
        var total = sums.Values.Aggregate(Sums.Zero, (a, b) => a + b);
        return new ServiceReport(first, last, grouping, rows.ToList(), RowOf("total", "", total));
    }

    private static async Task<Dictionary<string, Sums>> Grouped<TKey>(IQueryable<Row> caseRows, IQueryable<Row> surveyRows,
        Expression<Func<Row, TKey>> key, CancellationToken ct)
    {
        var caseSums = await caseRows.GroupBy(key).Select(g => new
        {
            g.Key,
            Cases = g.Count(),
            Resolved = g.Count(r => r.Resolved),
            EverResolved = g.Count(r => r.Resolved || r.Reopened),
            FirstResponseSum = g.Sum(r => (long?)r.FirstResponseMinutes) ?? 0,
            FirstResponseCount = g.Count(r => r.FirstResponseMinutes != null),
            ResolutionSum = g.Sum(r => (long?)r.ResolutionMinutes) ?? 0,
            ResolutionCount = g.Count(r => r.ResolutionMinutes != null),
            Breached = g.Count(r => r.Breached),
            Reopened = g.Count(r => r.Reopened),
        }).ToListAsync(ct);
        var surveySums = await surveyRows.GroupBy(key).Select(g => new
        {
            g.Key,
            Answers = g.Count(),
            CsatSum = g.Sum(r => (long?)r.Csat) ?? 0,
            CsatCount = g.Count(r => r.Csat != null),
            NpsCount = g.Count(r => r.Nps != null),
            Promoters = g.Count(r => r.Nps >= 9),
            Detractors = g.Count(r => r.Nps <= 6),
        }).ToListAsync(ct);

        var result = new Dictionary<string, Sums>(StringComparer.Ordinal);
        foreach (var s in caseSums)
            result[KeyText(s.Key)] = new Sums(s.Cases, s.Resolved, s.EverResolved, s.FirstResponseSum, s.FirstResponseCount, s.ResolutionSum, s.ResolutionCount,
                s.Breached, s.Reopened, 0, 0, 0, 0, 0, 0);
        foreach (var s in surveySums)
        {
            var k = KeyText(s.Key);
            result[k] = result.GetValueOrDefault(k, Sums.Zero) + new Sums(0, 0, 0, 0, 0, 0, 0, 0, 0, s.Answers, s.CsatSum, s.CsatCount, s.NpsCount, s.Promoters, s.Detractors);
        }
        return result;
    }

    private static ServiceReportRow RowOf(string key, string label, Sums s) => new(key, label, s.Cases, s.Resolved,
        Average(s.FirstResponseSum, s.FirstResponseCount), Average(s.ResolutionSum, s.ResolutionCount), s.Breached, s.Reopened,
        s.EverResolved == 0 ? null : Math.Round(100.0 * s.Reopened / s.EverResolved, 1), s.Answers,
        s.CsatCount == 0 ? null : Math.Round((double)s.CsatSum / s.CsatCount, 2),
        s.NpsCount == 0 ? null : Math.Round(100.0 * (s.Promoters - s.Detractors) / s.NpsCount, 1));

    private static double? Average(long sum, int count) => count == 0 ? null : Math.Round((double)sum / count, 1);

    private static string KeyText<TKey>(TKey key) => key switch
    {
        null => "",
        int month => $"{month / 100:D4}-{month % 100:D2}",
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "",
    };

    private async Task<Dictionary<string, string>> Labels(ServiceReportGroupBy grouping, IEnumerable<string> keys, CancellationToken ct)
    {
        switch (grouping)
        {
            case ServiceReportGroupBy.Agent:
                var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
                return (await users.Names(ids, ct)).ToDictionary(n => n.Key.ToString(), n => n.Value);
            case ServiceReportGroupBy.Team:
                return (await users.Teams(ct)).ToDictionary(t => t.Id.ToString(), t => t.Name);
            case ServiceReportGroupBy.Category:
                return (await categories.List(ct)).ToDictionary(c => c.Id.ToString(), c => c.Path);
            default:
                return [];
        }
    }

    private static DateTime LocalMidnight(BusinessCalendar business, DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), business.Zone);
}
