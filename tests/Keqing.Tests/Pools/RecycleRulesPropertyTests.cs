using CsCheck;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Pools;

/// <summary>
/// Properties of the recycle and claim rules on a fake clock: across grades, spared states, notice windows, locks, won
/// customers, follow-ups, the daily quota and the reclaim wait.
/// </summary>
public sealed class RecycleRulesPropertyTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc);

    private sealed record Case(CustomerFacts Facts, RecycleRule Rule);

    private static readonly Gen<CustomerGrade?> Grades = Gen.Int[0, 4].Select(g => g == 0 ? (CustomerGrade?)null : (CustomerGrade)g);

    private static readonly Gen<RecycleRule> Rules = Gen.Select(Gen.Int[0, 120], Gen.Int[0, 240], Gen.Bool, Gen.Int[0, 20],
            (f, w, spare, notice) => (f, w, spare, notice))
        .Where(x => x.f > 0 || x.w > 0)
        .Select(x => new RecycleRule(x.f == 0 ? null : x.f, x.w == 0 ? null : x.w, x.spare,
            Math.Min(x.notice, Math.Min(x.f == 0 ? int.MaxValue : x.f, x.w == 0 ? int.MaxValue : x.w) - 1)));

    // Owned since up to 300 days after Start; a follow-up (or none) up to 300 days after that, minutes included.
    private static readonly Gen<Case> Cases = Gen.Select(Grades, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 300 * 24 * 60],
        Gen.Int[-1, 300 * 24 * 60], Rules,
        (grade, locked, won, open, owned, followUp, rule) =>
        {
            var ownedSince = Start.AddMinutes(owned);
            return new Case(new CustomerFacts(grade, locked, won, open, ownedSince, followUp < 0 ? null : ownedSince.AddMinutes(followUp - 60 * 24 * 30)), rule);
        });

    /// <summary>The decisions as a fake clock moves from the owner getting the customer, in steps of hours.</summary>
    private static List<(DateTime At, RecycleDecision Decision)> Walk(Case c, int hours = 6, int days = 800)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(c.Facts.OwnedSince));
        var seen = new List<(DateTime, RecycleDecision)>();
        for (var i = 0; i <= days * 24 / hours; i++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            seen.Add((now, RecycleRules.Decide(c.Facts, c.Rule, now)));
            clock.Advance(TimeSpan.FromHours(hours));
        }
        return seen;
    }

    private static DateTime? FirstDue(CustomerFacts f, RecycleRule r)
    {
        var from = f.LastFollowUpAt is { } l && l > f.OwnedSince ? l : f.OwnedSince;
        var dues = new[] { r.DaysWithoutFollowUp is { } d ? from.AddDays(d) : (DateTime?)null, r.DaysWithoutWonDeal is { } w ? f.OwnedSince.AddDays(w) : null };
        return dues.Where(x => x is not null).Min();
    }

    [Fact]
    public void Locked_and_won_customers_never_move_nor_are_warned()
    {
        Cases.Where(c => c.Facts.Locked || c.Facts.HasWonDeal).Sample(c =>
            Walk(c, hours: 24).Should().OnlyContain(x => x.Decision is RecycleDecision.Stays), iter: 300);
    }

    [Fact]
    public void An_open_opportunity_spares_a_customer_only_when_the_rule_says_so()
    {
        Cases.Where(c => !c.Facts.Locked && !c.Facts.HasWonDeal && c.Facts.HasOpenOpportunity).Sample(c =>
        {
            var now = c.Facts.OwnedSince.AddDays(400);
            var decision = RecycleRules.Decide(c.Facts, c.Rule, now);
            if (c.Rule.SpareOpenOpportunities) decision.Should().BeOfType<RecycleDecision.Stays>();
            else decision.Should().Be(RecycleRules.Decide(c.Facts with { HasOpenOpportunity = false }, c.Rule, now));
        }, iter: 500);
    }

    [Fact]
    public void As_time_passes_a_customer_stays_then_its_owner_is_warned_for_the_notice_days_then_it_moves_for_good()
    {
        Cases.Where(c => !c.Facts.Locked && !c.Facts.HasWonDeal && !(c.Rule.SpareOpenOpportunities && c.Facts.HasOpenOpportunity)).Sample(c =>
        {
            var due = FirstDue(c.Facts, c.Rule)!.Value;
            foreach (var (at, decision) in Walk(c))
            {
                if (at >= due) decision.Should().BeOfType<RecycleDecision.RecycleNow>();
                else if (at >= due.AddDays(-c.Rule.NoticeDays))
                    decision.Should().BeOfType<RecycleDecision.Warn>().Which.DueAt.Should().Be(due);
                else decision.Should().BeOfType<RecycleDecision.Stays>();
            }
        }, iter: 200);
    }

    [Fact]
    public void The_reason_is_no_follow_up_when_that_is_due_else_no_won_deal()
    {
        Cases.Where(c => !c.Facts.Locked && !c.Facts.HasWonDeal && !c.Facts.HasOpenOpportunity).Sample(c =>
        {
            var now = c.Facts.OwnedSince.AddDays(700);
            var from = c.Facts.LastFollowUpAt is { } l && l > c.Facts.OwnedSince ? l : c.Facts.OwnedSince;
            var followUpDue = c.Rule.DaysWithoutFollowUp is { } d && from.AddDays(d) <= now;
            var decision = RecycleRules.Decide(c.Facts, c.Rule, now);
            if (followUpDue) decision.Should().Be(new RecycleDecision.RecycleNow(RecycleReason.NoFollowUp));
            else if (c.Rule.DaysWithoutWonDeal is not null) decision.Should().Be(new RecycleDecision.RecycleNow(RecycleReason.NoWonDeal));
        }, iter: 500);
    }

    [Fact]
    public void A_follow_up_moves_the_due_time_to_its_date_plus_the_rules_days()
    {
        Gen.Select(Gen.Int[0, 300 * 24], Gen.Int[1, 200 * 24], Gen.Int[1, 120], Gen.Int[0, 30]).Sample((owned, hoursLater, days, notice) =>
        {
            var rule = new RecycleRule(days, null, true, Math.Min(notice, days - 1));
            var ownedSince = Start.AddHours(owned);
            var followUp = ownedSince.AddHours(hoursLater);
            var facts = new CustomerFacts(CustomerGrade.B, false, false, false, ownedSince, followUp);
            var due = followUp.AddDays(days);
            RecycleRules.Decide(facts, rule, due.AddTicks(-1)).Should().NotBeOfType<RecycleDecision.RecycleNow>();
            RecycleRules.Decide(facts, rule, due).Should().Be(new RecycleDecision.RecycleNow(RecycleReason.NoFollowUp));
        }, iter: 500);
    }

    [Fact]
    public void A_grade_without_a_rule_never_moves()
    {
        Cases.Sample(c => RecycleRules.Decide(c.Facts, null, c.Facts.OwnedSince.AddDays(5000)).Should().BeOfType<RecycleDecision.Stays>(), iter: 200);
    }

    [Fact]
    public void The_daily_quota_leaves_what_is_not_claimed_and_never_less_than_nothing()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 2000]).Sample((quota, claimed) =>
        {
            var left = ClaimRules.Left(quota, claimed);
            left.Should().BeGreaterThanOrEqualTo(0);
            (claimed + left).Should().Be(Math.Max(quota, claimed));
        }, iter: 1000);
    }

    [Fact]
    public void A_lost_customer_can_be_reclaimed_exactly_from_the_wait_on()
    {
        Gen.Select(Gen.Int[0, 365], Gen.Int[0, 500 * 24]).Sample((wait, lostHours) =>
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(Start));
            var lostAt = Start.AddHours(lostHours);
            var from = ClaimRules.ReclaimFrom(lostAt, wait)!.Value;
            from.Should().Be(lostAt.AddDays(wait));
            ClaimRules.MayReclaim(lostAt, wait, from).Should().BeTrue();
            if (wait > 0) ClaimRules.MayReclaim(lostAt, wait, from.AddTicks(-1)).Should().BeFalse();
            clock.SetUtcNow(new DateTimeOffset(from.AddDays(1)));
            ClaimRules.MayReclaim(lostAt, wait, clock.GetUtcNow().UtcDateTime).Should().BeTrue();
            ClaimRules.MayReclaim(null, wait, Start).Should().BeTrue();
        }, iter: 1000);
    }
}
