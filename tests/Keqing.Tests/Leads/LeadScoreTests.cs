using CsCheck;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Leads;

/// <summary>
/// The pure lead score (DOMAIN S1) on a fake clock: every point has its reason, decay lowers behaviour points per full
/// 30 days and never raises a score, no rules give 0, a matching profile rule adds exactly its points.
/// </summary>
public sealed class LeadScoreTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
    private static DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private static LeadScoringRule Profile(string field, string op, int points, params string[] values) =>
        new() { Name = $"{field} {op}", Kind = ScoringRuleKind.Profile, Field = field, Operator = op, Values = [.. values], Points = points };

    private static LeadScoringRule Behaviour(LeadActivityKind kind, int points, int? decay = null) =>
        new() { Name = kind.ToString(), Kind = ScoringRuleKind.Behaviour, Activity = kind, Points = points, DecayPercentPer30Days = decay };

    private static LeadActivity Did(Lead lead, LeadActivityKind kind, DateTime at) => new() { LeadId = lead.Id, Kind = kind, OccurredAt = at };

    [Fact]
    public void The_demo_rules_give_every_point_with_its_reason()
    {
        var lead = new Lead { Name = "王芳", Title = "设备科主任", Industry = "医疗器械", CreditCode = "91310000MA1K000000" };
        var form = Did(lead, LeadActivityKind.FormSubmitted, Now.AddDays(-45));

        var score = InCulture("en", () => LeadScoring.Score(lead, [form], ScoringDemoRules.Rules(Now), Now));

        score.Total.Should().Be(20 + 15 + 10 + 5);
        score.Reasons.Select(r => r.Text).Should().Equal(
            "+20 Title contains 主任", "+15 Industry contains 医疗", "+10 Has a credit code", "+5 Submitted a form (decayed 50%)");
        score.Reasons.Sum(r => r.Points).Should().Be(score.Total);
    }

    [Fact]
    public void Reasons_read_in_the_callers_language()
    {
        var lead = new Lead { Title = "采购经理", CompanySize = CompanySize.Large };
        var rules = new[] { Profile(ScoringFields.Title, ScoringFields.Contains, 20, "采购", "经理"), Profile(ScoringFields.CompanySize, ScoringFields.Is, 5, "large") };
        var form = Did(lead, LeadActivityKind.FormSubmitted, Now.AddDays(-31));
        var score = InCulture("zh-CN", () => LeadScoring.Score(lead, [form], [.. rules, Behaviour(LeadActivityKind.FormSubmitted, 10, 50)], Now));
        score.Reasons.Select(r => r.Text).Should().BeEquivalentTo("+20 职位包含 采购", "+5 公司规模为 大型（500–1999 人）", "+5 提交了表单 (衰减 50%)");
        score.Reasons[0].Text.Should().Be("+20 职位包含 采购", "the most points first");
    }

    private static T InCulture<T>(string name, Func<T> run)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(name);
        try { return run(); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public void A_behaviour_rule_counts_the_latest_occurrence_once_and_decays_per_full_30_days()
    {
        var lead = new Lead { Name = "李雷" };
        var rule = Behaviour(LeadActivityKind.Replied, 15, 40);
        LeadActivity[] replies = [Did(lead, LeadActivityKind.Replied, Now.AddDays(-100)), Did(lead, LeadActivityKind.Replied, Now.AddDays(-29))];

        LeadScoring.Score(lead, replies, [rule], Now).Total.Should().Be(15, "two replies count once, the latest (29 days: no full period)");
        var clock = new FakeTimeProvider(Clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(1));
        var later = clock.GetUtcNow().UtcDateTime;
        LeadScoring.Score(lead, replies, [rule], later).Total.Should().Be(9, "one full 30 days loses 40 %: 15 × 60 % = 9");
        LeadScoring.Score(lead, replies, [rule], later.AddDays(30)).Total.Should().Be(3, "two periods lose 80 %");
        LeadScoring.Score(lead, replies, [rule], later.AddDays(60)).Reasons.Should().BeEmpty("three periods lose everything: no reason is left");
        LeadScoring.Score(lead, [], [rule], Now).Total.Should().Be(0, "a rule for something the lead never did gives nothing");
    }

    [Fact]
    public void Profile_operators_match_as_documented()
    {
        var lead = new Lead { Title = "  采购部经理 ", Province = "广东", City = "深圳", CompanySize = CompanySize.Medium };
        LeadScoring.Matches(Profile(ScoringFields.Title, ScoringFields.Contains, 1, "主任", "经理"), lead).Should().Be("经理");
        LeadScoring.Matches(Profile(ScoringFields.Province, ScoringFields.Is, 1, "广东"), lead).Should().Be("广东");
        LeadScoring.Matches(Profile(ScoringFields.City, ScoringFields.Is, 1, "深"), lead).Should().BeNull("is means equal, not contains");
        LeadScoring.Matches(Profile(ScoringFields.CompanySize, ScoringFields.Is, 1, "medium", "large"), lead).Should().Be("medium");
        LeadScoring.Matches(Profile(ScoringFields.CreditCode, ScoringFields.Present, 1), lead).Should().BeNull();
        LeadScoring.Matches(Profile(ScoringFields.Industry, ScoringFields.Present, 1), lead).Should().BeNull();
        var inactive = Profile(ScoringFields.Province, ScoringFields.Is, 7, "广东");
        inactive.Active = false;
        LeadScoring.Score(lead, [], [inactive], Now).Total.Should().Be(0, "a rule out of force gives nothing");
    }

    // ---- properties ----

    private static readonly string[] Words = ["采购", "主任", "经理", "医疗", "广东", "深圳", "工程师", "总监"];
    private static readonly Gen<string?> Text = Gen.Frequency((1, Gen.Const(() => (string?)null)),
        (4, Gen.Int[0, Words.Length - 1].Array[1, 3].Select(i => (string?)string.Concat(i.Select(x => Words[x])))));

    private static readonly Gen<Lead> Leads = Gen.Select(Text, Text, Text, Text, Gen.Enum<CompanySize>(), Gen.Bool)
        .Select((title, industry, province, city, size, code) => new Lead
        {
            Name = "样本", Title = title, Industry = industry, Province = province, City = city, CompanySize = size,
            CreditCode = code ? "91310000MA1K000000" : null,
        });

    private static readonly Gen<LeadScoringRule> ProfileRules = Gen.Select(Gen.Int[0, ScoringFields.All.Count - 1], Gen.Int[0, 2],
            Gen.Int[-100, 100].Where(p => p != 0), Gen.Int[0, Words.Length - 1].Array[1, 3], Gen.Bool)
        .Select((f, o, points, values, active) => new LeadScoringRule
        {
            Name = "p", Kind = ScoringRuleKind.Profile, Field = ScoringFields.All[f], Operator = ScoringFields.Operators[o],
            Values = [.. values.Select(v => Words[v])], Points = points, Active = active,
        });

    private static readonly Gen<LeadScoringRule> BehaviourRules = Gen.Select(Gen.Int[0, ScoringFields.Behaviours.Count - 1],
            Gen.Int[1, 100], Gen.Int[0, 100], Gen.Bool)
        .Select((k, points, decay, active) => new LeadScoringRule
        {
            Name = "b", Kind = ScoringRuleKind.Behaviour, Activity = ScoringFields.Behaviours[k], Points = points,
            DecayPercentPer30Days = decay == 0 ? null : decay, Active = active,
        });

    private static readonly Gen<List<LeadScoringRule>> RuleSets = Gen.Frequency((1, ProfileRules), (1, BehaviourRules)).List[0, 8];

    /// <summary>Activities up to 400 days before now (some slightly after, as clocks differ).</summary>
    private static Gen<List<LeadActivity>> ActivitiesOf(Lead lead) =>
        Gen.Select(Gen.Int[0, ScoringFields.Behaviours.Count - 1], Gen.Int[-2 * 24, 400 * 24])
            .Select((k, hoursAgo) => new LeadActivity { LeadId = lead.Id, Kind = ScoringFields.Behaviours[k], OccurredAt = Now.AddHours(-hoursAgo) })
            .List[0, 6];

    [Fact]
    public void Decay_never_raises_a_score() =>
        Gen.Select(Leads, RuleSets, Gen.Int[0, 500 * 24]).SelectMany((lead, rules, later) =>
                ActivitiesOf(lead).Select(activities => (lead, rules, later, activities)))
            .Sample(x =>
            {
                var before = LeadScoring.Score(x.lead, x.activities, x.rules, Now);
                var after = LeadScoring.Score(x.lead, x.activities, x.rules, Now.AddHours(x.later));
                after.Total.Should().BeLessThanOrEqualTo(before.Total);
                after.Reasons.Sum(r => r.Points).Should().Be(after.Total);
            });

    [Fact]
    public void No_rules_give_zero() =>
        Leads.SelectMany(lead => ActivitiesOf(lead).Select(a => (lead, a))).Sample(x =>
        {
            var score = LeadScoring.Score(x.lead, x.a, [], Now);
            score.Total.Should().Be(0);
            score.Reasons.Should().BeEmpty();
        });

    [Fact]
    public void Adding_a_matching_profile_rule_adds_exactly_its_points() =>
        Gen.Select(Leads, RuleSets, ProfileRules).SelectMany((lead, rules, extra) =>
                ActivitiesOf(lead).Select(activities => (lead, rules, extra, activities)))
            .Where(x => x.extra.Active && LeadScoring.Matches(x.extra, x.lead) is not null)
            .Sample(x =>
            {
                var without = LeadScoring.Score(x.lead, x.activities, x.rules, Now).Total;
                var with = LeadScoring.Score(x.lead, x.activities, [.. x.rules, x.extra], Now);
                with.Total.Should().Be(without + x.extra.Points);
                with.Reasons.Should().ContainSingle(r => r.RuleId == x.extra.Id && r.Points == x.extra.Points);
            });
}
