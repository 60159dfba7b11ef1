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
/// The service report (DOMAIN V5): the cases opened in a period that the caller may see, by agent, team, category or
/// month, added up from the kept cells (<see cref="ServiceReportCell"/>: one per local day × owner × team × category,
/// ADR 0100) after bringing them up to date, so a year of millions of cases is a few thousand rows read. Scope by owner
/// and team: an agent their own cases, a manager also their teams', an admin all; cases merely shared with the caller
/// are not in it (a share is per case, the cells are not).
/// </summary>
public sealed class ServiceReporting(KeqingDb db, IRecordAccess access, IUserDirectory users, CaseCategories categories,
    ICompanyCalendar calendar, ServiceReportSummary summary, TimeProvider clock)
{
    public const int MaxDays = 366;

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

        await summary.Refresh(ct);
        var (firstDay, lastDay) = (ServiceReportSummary.DayNumber(first), ServiceReportSummary.DayNumber(last));
        var cells = db.Set<ServiceReportCell>().AsNoTracking().Where(c => c.Day >= firstDay && c.Day <= lastDay);
        var scope = await access.ScopeAsync(ct);
        if (!scope.IsAdmin)
        {
            var me = scope.UserId;
            var teams = scope.ManagedTeamIds.ToList();
            cells = teams.Count == 0 ? cells.Where(c => c.OwnerId == me) : cells.Where(c => c.OwnerId == me || teams.Contains(c.TeamId));
        }

        var sums = grouping switch
        {
            ServiceReportGroupBy.Team => await Grouped(cells, c => c.TeamId, ct),
            ServiceReportGroupBy.Category => await Grouped(cells, c => c.CategoryId, ct),
            ServiceReportGroupBy.Month => await Grouped(cells, c => c.Day / 100, ct),
            _ => await Grouped(cells, c => c.OwnerId, ct),
        };
        var labels = await Labels(grouping, sums.Keys, ct);
        var rows = sums.Select(s => RowOf(s.Key, labels.GetValueOrDefault(s.Key) ?? s.Key, s.Value));
        rows = grouping == ServiceReportGroupBy.Month ? rows.OrderBy(r => r.Key, StringComparer.Ordinal) : rows.OrderBy(r => r.Label, StringComparer.Ordinal);
        var total = sums.Values.Aggregate(Sums.Zero, (a, b) => a + b);
        return new ServiceReport(first, last, grouping, rows.ToList(), RowOf("total", "", total));
    }

    private static async Task<Dictionary<string, Sums>> Grouped<TKey>(IQueryable<ServiceReportCell> cells, Expression<Func<ServiceReportCell, TKey>> key,
        CancellationToken ct)
    {
        var groups = await cells.GroupBy(key).Select(g => new
        {
            g.Key,
            Cases = g.Sum(c => c.Cases), Resolved = g.Sum(c => c.Resolved), EverResolved = g.Sum(c => c.EverResolved),
            FirstResponseSum = g.Sum(c => c.FirstResponseSum), FirstResponseCount = g.Sum(c => c.FirstResponseCount),
            ResolutionSum = g.Sum(c => c.ResolutionSum), ResolutionCount = g.Sum(c => c.ResolutionCount),
            Breached = g.Sum(c => c.Breached), Reopened = g.Sum(c => c.Reopened), Answers = g.Sum(c => c.Answers),
            CsatSum = g.Sum(c => c.CsatSum), CsatCount = g.Sum(c => c.CsatCount), NpsCount = g.Sum(c => c.NpsCount),
            Promoters = g.Sum(c => c.Promoters), Detractors = g.Sum(c => c.Detractors),
        }).ToListAsync(ct);
        var result = new Dictionary<string, Sums>(StringComparer.Ordinal);
        foreach (var g in groups.Where(g => g.Cases > 0 || g.Answers > 0))
            result[KeyText(g.Key)] = new Sums(g.Cases, g.Resolved, g.EverResolved, g.FirstResponseSum, g.FirstResponseCount, g.ResolutionSum,
                g.ResolutionCount, g.Breached, g.Reopened, g.Answers, g.CsatSum, g.CsatCount, g.NpsCount, g.Promoters, g.Detractors);
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
        Guid id when id == Guid.Empty => "",
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
}
