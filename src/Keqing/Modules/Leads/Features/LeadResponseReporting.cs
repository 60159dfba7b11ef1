using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Response times of the leads the caller may see (record access: a rep their own, a manager their teams', an admin
/// all), by rep, team or source, measured in the company calendar's business time (DOMAIN M5).
/// </summary>
public sealed class LeadResponseReporting(KeqingDb db, IRecordAccess access, IUserDirectory users, ICompanyCalendar calendar, TimeProvider clock)
{
    public const int MaxDays = 366;

    /// <summary>What one lead adds to the report.</summary>
    public sealed record Fact(Guid OwnerId, Guid? TeamId, LeadSource Source, DateTime ClockStartedAt, DateTime? FirstRespondedAt,
        DateTime? RespondBy, bool Open);

    public async Task<LeadResponseReport> Report(DateOnly? from, DateOnly? to, string? groupBy, CancellationToken ct)
    {
        var business = await calendar.Current(ct);
        var now = clock.GetUtcNow();
        var last = to ?? business.LocalDate(now);
        var first = from ?? last.AddDays(-29);
        var errors = new FieldErrors();
        LeadResponseGroupBy grouping = default;
        if ((groupBy is not null && !Enum.TryParse(groupBy, ignoreCase: true, out grouping)) || !Enum.IsDefined(grouping))
            errors.Add("groupBy", FieldErrors.Text("groupBy is one of rep, team, source."));
        if (first > last) errors.Add("from", FieldErrors.Text("from must not be after to."));
        else if (last.DayNumber - first.DayNumber >= MaxDays) errors.Add("to", FieldErrors.Text("At most {0} days at a time.", MaxDays));
        errors.ThrowIfAny();

        var start = LocalMidnight(business, first);
        var end = LocalMidnight(business, last.AddDays(1));
        var visible = await access.Visible(db.Set<Lead>().AsNoTracking(), ct);
        var facts = await visible.Where(l => l.ArchivedAt == null && l.CreatedAt >= start && l.CreatedAt < end)
            .Select(l => new Fact(l.OwnerId, l.TeamId, l.Source, l.ClockStartedAt, l.FirstRespondedAt, l.RespondBy,
                l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified))
            .ToListAsync(ct);

        var labels = await Labels(grouping, facts, ct);
        var rows = facts.GroupBy(f => KeyOf(grouping, f))
            .Select(g => Summarize(g.Key, labels.GetValueOrDefault(g.Key) ?? g.Key, g.ToList(), business, now.UtcDateTime))
            .OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new LeadResponseReport(first, last, grouping, rows, Summarize("total", "", facts, business, now.UtcDateTime));
    }

    /// <summary>The figures of one group of leads at <paramref name="now"/>.</summary>
    public static LeadResponseRow Summarize(string key, string label, IReadOnlyList<Fact> leads, BusinessCalendar business, DateTime now)
    {
        var minutes = leads.Where(l => l.FirstRespondedAt is not null)
            .Select(l => Math.Max(0, business.Between(Utc(l.ClockStartedAt), Utc(l.FirstRespondedAt!.Value)).TotalMinutes))
            .Order().ToList();
        var breached = leads.Count(l => l.RespondBy is { } due && (l.FirstRespondedAt is { } answered ? answered > due : due < now));
        var openPast = leads.Count(l => l.Open && l.FirstRespondedAt is null && l.RespondBy is { } due && due < now);
        return new LeadResponseRow(key, label, leads.Count, minutes.Count, Percentile(minutes, 0.5), Percentile(minutes, 0.9), breached, openPast);
    }

    /// <summary>The nearest-rank percentile of sorted values (null for none), rounded to a tenth of a minute.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);

    private static string KeyOf(LeadResponseGroupBy grouping, Fact fact) => grouping switch
    {
        LeadResponseGroupBy.Team => fact.TeamId?.ToString() ?? "",
        LeadResponseGroupBy.Source => fact.Source.ToString(),
        _ => fact.OwnerId.ToString(),
    };

    private async Task<Dictionary<string, string>> Labels(LeadResponseGroupBy grouping, List<Fact> facts, CancellationToken ct) => grouping switch
    {
        LeadResponseGroupBy.Rep => (await users.Names(facts.Select(f => f.OwnerId).Distinct(), ct)).ToDictionary(n => n.Key.ToString(), n => n.Value),
        LeadResponseGroupBy.Team => (await users.Teams(ct)).ToDictionary(t => t.Id.ToString(), t => t.Name),
        _ => [],
    };

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTime LocalMidnight(BusinessCalendar business, DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), business.Zone);
}
