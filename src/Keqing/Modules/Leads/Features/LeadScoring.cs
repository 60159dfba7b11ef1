using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// A lead's score by the admin's profile and behaviour rules, with the reason for every point (DOMAIN S1). Profile rules
/// give their points when the lead's field matches; a behaviour rule gives its points once, for the lead's latest such
/// activity, less its decay: <c>DecayPercentPer30Days</c> of the points per full 30 days since (linear, down to 0).
/// A lead reaching <see cref="LeadSettings.HotScore"/> tells its owner once per crossing.
/// </summary>
public sealed class LeadScoring(KeqingDb db, INotifier notifier, TimeProvider time)
{
    /// <summary>The rules and the fingerprint of their set: a lead scored with another fingerprint is due for a re-score.</summary>
    public sealed record RuleSet(IReadOnlyList<LeadScoringRule> Rules, long Fingerprint);

    /// <summary>Recomputes <see cref="Lead.Score"/> from the rules in force (and tells the owner when it crosses the hot threshold).</summary>
    public Task Rescore(Lead lead, CancellationToken ct) => Rescore([lead], ct);

    /// <summary>
    /// Recomputes the scores of <paramref name="leads"/> (tracked; the caller saves) with the activities saved and those
    /// added to this unit of work, and notifies the owner of each open lead that has just become hot.
    /// </summary>
    public async Task Rescore(IReadOnlyList<Lead> leads, CancellationToken ct)
    {
        if (leads.Count == 0) return;
        var rules = await RulesInForce(ct);
        var hotScore = await HotScore(ct);
        var activities = await LatestActivities(leads.Select(l => l.Id).ToList(), rules.Rules, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var lead in leads)
        {
            var score = Score(lead, activities[lead.Id], rules.Rules, now);
            lead.Score = score.Total;
            lead.ScoredAt = now;
            lead.ScoredWithRules = rules.Fingerprint;
            if (score.Total < hotScore) lead.HotNotifiedAt = null;
            else if (lead.HotNotifiedAt is null && ScoringFields.IsOpen(lead.Status))
            {
                lead.HotNotifiedAt = now;
                await notifier.Notify(new NotificationRequest(EventTypes.LeadHot, lead.OwnerId, "Hot lead",
                    "{0} reached a score of {1}", $"/leads/{lead.Id}", [NameOf(lead), score.Total]), ct);
            }
        }
    }

    /// <summary>The score of a lead now, with its reasons (what <c>GET /api/leads/{id}/score</c> shows; nothing is written).</summary>
    public async Task<LeadScoreDto> Explain(Lead lead, CancellationToken ct)
    {
        var rules = await RulesInForce(ct);
        var activities = await LatestActivities([lead.Id], rules.Rules, ct);
        var score = Score(lead, activities[lead.Id], rules.Rules, time.GetUtcNow().UtcDateTime);
        var hotScore = await HotScore(ct);
        return new LeadScoreDto(lead.Id, score.Total, hotScore, score.Total >= hotScore, score.Reasons);
    }

    /// <summary>
    /// The score a sample lead would get now from the rules in force (the admin page's preview), having done each thing
    /// of <paramref name="daysAgo"/> that many days ago.
    /// </summary>
    public async Task<LeadScoreDto> Preview(Lead sample, IReadOnlyDictionary<LeadActivityKind, int> daysAgo, CancellationToken ct)
    {
        var rules = await RulesInForce(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var activities = daysAgo.Select(d => new LeadActivity { LeadId = sample.Id, Kind = d.Key, OccurredAt = now.AddDays(-Math.Max(0, d.Value)) });
        var score = Score(sample, activities, rules.Rules, now);
        var hotScore = await HotScore(ct);
        return new LeadScoreDto(sample.Id, score.Total, hotScore, score.Total >= hotScore, score.Reasons);
    }

    /// <summary>Every scoring rule (the inactive ones count toward the fingerprint only) and the fingerprint of the set.</summary>
    public async Task<RuleSet> RulesInForce(CancellationToken ct)
    {
        var rules = await db.Set<LeadScoringRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        return new RuleSet(rules, Fingerprint(rules));
    }

    /// <summary>The company's hot threshold.</summary>
    public async Task<int> HotScore(CancellationToken ct) =>
        (await db.Set<LeadSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new LeadSettings()).HotScore;

    /// <summary>
    /// A lead's score at <paramref name="now"/>: pure, and the same whoever asks. Inactive rules give nothing; a
    /// behaviour rule counts the latest of the lead's activities of its kind (so repeated form posts cannot inflate it).
    /// </summary>
    public static LeadScore Score(Lead lead, IEnumerable<LeadActivity> activities, IReadOnlyList<LeadScoringRule> rules, DateTime now)
    {
        var latest = activities.Where(a => a.LeadId == lead.Id).GroupBy(a => a.Kind)
            .ToDictionary(g => g.Key, g => g.Max(a => a.OccurredAt));
        var reasons = new List<ScoreReason>();
        foreach (var rule in rules.Where(r => r.Active))
        {
            if (rule.Kind == ScoringRuleKind.Profile)
            {
                if (rule.Points != 0 && Matches(rule, lead) is { } matched)
                    reasons.Add(Reason(rule, rule.Points, ProfileText(rule, matched)));
            }
            else if (rule.Activity is { } kind && latest.TryGetValue(kind, out var at))
            {
                var lost = DecayedPercent(rule.DecayPercentPer30Days, at, now);
                var points = rule.Points * (100 - lost) / 100;
                if (points == 0) continue;
                var text = Text(ActivityText(kind));
                reasons.Add(Reason(rule, points, lost > 0 ? Text("{0} (decayed {1}%)", text, lost) : text));
            }
        }
        reasons = reasons.OrderByDescending(r => r.Points).ThenBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.RuleId).ToList();
        return new LeadScore(reasons.Sum(r => r.Points), reasons);
    }

    /// <summary>The share of a behaviour rule's points lost for an activity at <paramref name="at"/>: the rule's percentage per full 30 days, at most 100.</summary>
    public static int DecayedPercent(int? percentPer30Days, DateTime at, DateTime now)
    {
        if (percentPer30Days is not > 0 || now <= at) return 0;
        var periods = (long)((now - at).TotalDays / 30);
        return (int)Math.Min(100, periods * percentPer30Days.Value);
    }

    /// <summary>The value of the lead's field that makes the profile rule match ("" for <c>present</c>), or null.</summary>
    public static string? Matches(LeadScoringRule rule, Lead lead)
    {
        var value = rule.Field switch
        {
            ScoringFields.Industry => lead.Industry,
            ScoringFields.Province => lead.Province,
            ScoringFields.City => lead.City,
            ScoringFields.Title => lead.Title,
            ScoringFields.CompanySize => lead.CompanySize == CompanySize.Unknown ? null : ScoringFields.NameOf(lead.CompanySize),
            ScoringFields.CreditCode => lead.CreditCode,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(value)) return null;
        var wanted = rule.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim());
        return rule.Operator switch
        {
            ScoringFields.Present => "",
            ScoringFields.Is => wanted.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase)),
            ScoringFields.Contains => wanted.FirstOrDefault(v => value.Contains(v, StringComparison.OrdinalIgnoreCase)),
            _ => null,
        };
    }

    private static ScoreReason Reason(LeadScoringRule rule, int points, string text) =>
        new(rule.Id, rule.Name, points, $"{points.ToString("+0;-0", CultureInfo.InvariantCulture)} {text}");

    private static string ProfileText(LeadScoringRule rule, string matched) =>
        Text(ProfileTemplate(rule.Field, rule.Operator), rule.Field == ScoringFields.CompanySize ? Text(SizeText(matched)) : matched);

    /// <summary>The English key of what a profile rule saw, with <c>{0}</c> for the value that matched.</summary>
    [TextKeys]
    public static string ProfileTemplate(string? field, string? op) => (field, op) switch
    {
        (ScoringFields.Industry, ScoringFields.Is) => "Industry is {0}",
        (ScoringFields.Industry, ScoringFields.Contains) => "Industry contains {0}",
        (ScoringFields.Industry, _) => "Has an industry",
        (ScoringFields.Province, ScoringFields.Is) => "Province is {0}",
        (ScoringFields.Province, ScoringFields.Contains) => "Province contains {0}",
        (ScoringFields.Province, _) => "Has a province",
        (ScoringFields.City, ScoringFields.Is) => "City is {0}",
        (ScoringFields.City, ScoringFields.Contains) => "City contains {0}",
        (ScoringFields.City, _) => "Has a city",
        (ScoringFields.Title, ScoringFields.Is) => "Title is {0}",
        (ScoringFields.Title, ScoringFields.Contains) => "Title contains {0}",
        (ScoringFields.Title, _) => "Has a title",
        (ScoringFields.CompanySize, _) => "Company size is {0}",
        _ => "Has a credit code",
    };

    /// <summary>The English key of a scoring field's name (the admin page's field picker).</summary>
    [TextKeys]
    public static string FieldText(string? field) => field switch
    {
        ScoringFields.Industry => "Industry",
        ScoringFields.Province => "Province",
        ScoringFields.City => "City",
        ScoringFields.Title => "Position",
        ScoringFields.CompanySize => "Company size",
        ScoringFields.CreditCode => "Credit code",
        _ => field ?? "",
    };

    /// <summary>The English key of a company size.</summary>
    [TextKeys]
    public static string SizeText(string size) => size switch
    {
        "micro" => "Micro (under 10)",
        "small" => "Small (10–99)",
        "medium" => "Medium (100–499)",
        "large" => "Large (500–1999)",
        "enterprise" => "Enterprise (2000+)",
        _ => size,
    };

    /// <summary>The English key of what a lead did, as a reason says it.</summary>
    [TextKeys]
    public static string ActivityText(LeadActivityKind kind) => kind switch
    {
        LeadActivityKind.FormSubmitted => "Submitted a form",
        LeadActivityKind.EventAttended => "Attended an event",
        LeadActivityKind.Replied => "Replied",
        LeadActivityKind.EmailOpened => "Opened an email",
        LeadActivityKind.EmailClicked => "Clicked a link in an email",
        _ => kind.ToString(),
    };

    private static string Text(string key, params object[] args) => FieldErrors.Text(key, args);

    private static string NameOf(Lead lead) =>
        string.IsNullOrWhiteSpace(lead.Company) ? lead.Name : string.IsNullOrWhiteSpace(lead.Name) ? lead.Company : $"{lead.Name}（{lead.Company}）";

    /// <summary>
    /// The latest activity of each kind a behaviour rule counts, per lead: saved ones and those added to this unit of
    /// work (a form post attached to a lead before the caller saves).
    /// </summary>
    private async Task<ILookup<Guid, LeadActivity>> LatestActivities(List<Guid> leadIds, IReadOnlyList<LeadScoringRule> rules, CancellationToken ct)
    {
        var kinds = rules.Where(r => r.Active && r.Kind == ScoringRuleKind.Behaviour && r.Activity is not null)
            .Select(r => r.Activity!.Value).Distinct().ToList();
        if (kinds.Count == 0) return Array.Empty<LeadActivity>().ToLookup(a => a.LeadId);
        var saved = new List<LeadActivity>();
        foreach (var kind in kinds)
            saved.AddRange((await db.Set<LeadActivity>().AsNoTracking()
                    .Where(a => leadIds.Contains(a.LeadId) && a.Kind == kind)
                    .GroupBy(a => a.LeadId).Select(g => new { LeadId = g.Key, At = g.Max(a => a.OccurredAt) })
                    .ToListAsync(ct))
                .Select(x => new LeadActivity { LeadId = x.LeadId, Kind = kind, OccurredAt = x.At }));
        var added = db.ChangeTracker.Entries<LeadActivity>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(a => leadIds.Contains(a.LeadId) && kinds.Contains(a.Kind));
        return saved.Concat(added).ToLookup(a => a.LeadId);
    }

    /// <summary>A number that changes whenever a rule is added, changed or deleted (each change raises a rule's version).</summary>
    private static long Fingerprint(IReadOnlyList<LeadScoringRule> rules)
    {
        var text = string.Join(";", rules.Select(r => $"{r.Id:N}:{r.Version.ToString(CultureInfo.InvariantCulture)}"));
        var hash = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
        return hash == 0 ? 1 : hash; // 0 is a lead never scored
    }
}
