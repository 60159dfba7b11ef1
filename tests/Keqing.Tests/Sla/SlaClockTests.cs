using CsCheck;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Sla;

/// <summary>
/// The pure SLA clock on the shipped China calendar (Mon–Fri 09:00–18:00, lunch 12:00–13:00, holidays and 调休
/// make-up days from chinese-days), with instants from a fake clock: properties over random starts, pauses and
/// targets, and worked examples across nights, weekends, holidays, make-up days, pauses and priority changes.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly BusinessCalendar China = CompanyCalendar.ToBusinessCalendar(CompanyCalendar.Defaults);
    private static readonly SlaTargets FourAndSixteenHours = new(TimeSpan.FromHours(4), TimeSpan.FromHours(16));

    private static DateTimeOffset Shanghai(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    /// <summary>Instants from a fake clock moved on by up to 400 days from late 2025: every 2026 holiday and make-up day.</summary>
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, (long)TimeSpan.FromDays(400).TotalMinutes].Select(minutes =>
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(minutes));
        return clock.GetUtcNow();
    });

    private static readonly Gen<TimeSpan> Span = Gen.Int[0, 60 * 24 * 30].Select(m => TimeSpan.FromMinutes(m));
    private static readonly Gen<TimeSpan> Target = Gen.Int[1, 60 * 8 * 20].Select(m => TimeSpan.FromMinutes(m));

    [Fact]
    public void A_paused_clock_never_advances() =>
        Gen.Select(Instant, Span, Span, Span, Target).Sample((start, untilPause, later, evenLater, target) =>
        {
            var paused = SlaClock.Start(start, new SlaTargets(null, target)).Pause(start + untilPause);
            var atPause = paused.Elapsed(China, start + untilPause);
            paused.Elapsed(China, start + untilPause + later).Should().Be(atPause);
            paused.Elapsed(China, start + untilPause + later + evenLater).Should().Be(atPause);
            paused.DueAt(China, SlaTarget.Resolution).Should().BeNull("a paused clock has no due time, so it neither warns nor breaches");
            (paused.StateOf(SlaTarget.Resolution, China, start + untilPause + later) is SlaState.Paused or SlaState.Breached).Should().BeTrue();
        });

    [Fact]
    public void Targets_are_monotone_in_business_time() =>
        Gen.Select(Instant, Target, Target).Sample((start, a, b) =>
        {
            var (small, large) = a <= b ? (a, b) : (b, a);
            var dueSmall = SlaClock.Start(start, new SlaTargets(null, small)).DueAt(China, SlaTarget.Resolution)!.Value;
            var dueLarge = SlaClock.Start(start, new SlaTargets(null, large)).DueAt(China, SlaTarget.Resolution)!.Value;
            dueSmall.Should().BeOnOrBefore(dueLarge);
            China.Between(start, dueLarge).Should().Be(large, "the due time holds exactly the target of business time");
            SlaClock.Start(start, new SlaTargets(null, large)).WarnAt(China, SlaTarget.Resolution)!.Value.Should().BeOnOrBefore(dueLarge);
        });

    [Fact]
    public void Business_time_between_two_instants_never_exceeds_wall_time() =>
        Gen.Select(Instant, Span).Sample((from, span) =>
        {
            var business = China.Between(from, from + span);
            business.Should().BeLessThanOrEqualTo(span).And.BeGreaterThanOrEqualTo(TimeSpan.Zero);
            SlaClock.Start(from, new SlaTargets(null, TimeSpan.FromHours(1))).Elapsed(China, from + span).Should().Be(business);
        });

    [Fact]
    public void A_pause_moves_the_due_time_by_exactly_the_business_time_paused() =>
        Gen.Select(Instant, Span, Span, Target).Sample((start, untilPause, pauseLength, target) =>
        {
            var clock = SlaClock.Start(start, new SlaTargets(null, target));
            var resumed = clock.Pause(start + untilPause).Resume(China, start + untilPause + pauseLength);
            var pausedBusiness = China.Between(start + untilPause, start + untilPause + pauseLength);
            resumed.PausedBusiness.Should().Be(pausedBusiness);
            China.Between(start, resumed.DueAt(China, SlaTarget.Resolution)!.Value).Should().Be(target + pausedBusiness);
        });

    [Theory]
    [InlineData("a Tuesday morning", 2026, 11, 24, 10, 0, 2026, 11, 24, 15, 0)]
    [InlineData("a Tuesday night", 2026, 11, 24, 20, 0, 2026, 11, 25, 14, 0)]
    [InlineData("a Friday afternoon, over the weekend", 2026, 11, 27, 17, 0, 2026, 11, 30, 12, 0)]
    [InlineData("the eve of the golden week", 2026, 9, 30, 17, 0, 2026, 10, 8, 12, 0)]
    [InlineData("before the make-up Saturday", 2026, 10, 9, 17, 0, 2026, 10, 10, 12, 0)]
    [InlineData("before the 2025 Spring Festival, its make-up Sunday counting", 2025, 1, 24, 17, 0, 2025, 1, 26, 12, 0)]
    [InlineData("in the 2025 Spring Festival", 2025, 1, 29, 10, 0, 2025, 2, 5, 14, 0)]
    public void A_first_response_in_four_business_hours_skips_nights_weekends_and_holidays(string when,
        int y, int mo, int d, int h, int mi, int dy, int dmo, int dd, int dh, int dmi)
    {
        var clock = SlaClock.Start(Shanghai(y, mo, d, h, mi), FourAndSixteenHours);
        clock.DueAt(China, SlaTarget.FirstResponse).Should().Be(Shanghai(dy, dmo, dd, dh, dmi), when);
    }

    [Fact]
    public void A_clock_warns_at_80_percent_breaches_after_its_due_time_and_a_response_in_time_is_met()
    {
        var start = Shanghai(2026, 11, 24, 10);
        var clock = SlaClock.Start(start, FourAndSixteenHours);
        clock.WarnAt(China, SlaTarget.FirstResponse).Should().Be(Shanghai(2026, 11, 24, 14, 12)); // 3 h 12 min, lunch skipped
        clock.State(China, Shanghai(2026, 11, 24, 14, 11)).Should().Be(SlaState.Running);
        clock.State(China, Shanghai(2026, 11, 24, 14, 12)).Should().Be(SlaState.Warned);
        clock.State(China, Shanghai(2026, 11, 24, 15, 1)).Should().Be(SlaState.Breached);

        var answered = clock.RespondFirst(China, Shanghai(2026, 11, 24, 15));
        answered.StateOf(SlaTarget.FirstResponse, China, Shanghai(2026, 11, 30, 9)).Should().Be(SlaState.Met, "an answer at the due instant meets it");
        answered.IsPending(SlaTarget.FirstResponse).Should().BeFalse();
        answered.ElapsedFor(SlaTarget.FirstResponse, China, Shanghai(2026, 12, 1, 9)).Should().Be(TimeSpan.FromHours(4), "fixed at the answer");
        // Resolution: 16 business hours from Tuesday 10:00 is Thursday 10:00.
        answered.DueAt(China, SlaTarget.Resolution).Should().Be(Shanghai(2026, 11, 26, 10));
        var resolved = answered.Stop(China, Shanghai(2026, 11, 26, 9), resolved: true);
        resolved.State(China, Shanghai(2026, 12, 10, 9)).Should().Be(SlaState.Met);
        answered.Stop(China, Shanghai(2026, 11, 26, 11), resolved: true).State(China, Shanghai(2026, 12, 10, 9)).Should().Be(SlaState.Breached);
        answered.Stop(China, Shanghai(2026, 11, 25, 11), resolved: false).State(China, Shanghai(2026, 12, 10, 9)).Should().Be(SlaState.Cancelled);
    }

    [Fact]
    public void Waiting_on_the_customer_over_a_weekend_pauses_the_clock_and_their_reply_restarts_it()
    {
        var clock = SlaClock.Start(Shanghai(2026, 11, 24, 10), FourAndSixteenHours).RespondFirst(China, Shanghai(2026, 11, 24, 11));
        // Paused Tuesday 16:00 (5 business hours counted), the customer replies Monday 10:00: Tuesday 2 h, Wed–Fri 24 h, Monday 1 h paused.
        var paused = clock.Pause(Shanghai(2026, 11, 24, 16));
        paused.State(China, Shanghai(2026, 11, 30, 9)).Should().Be(SlaState.Paused);
        paused.Elapsed(China, Shanghai(2026, 11, 30, 9)).Should().Be(TimeSpan.FromHours(5));
        var resumed = paused.Resume(China, Shanghai(2026, 11, 30, 10));
        resumed.PausedBusiness.Should().Be(TimeSpan.FromHours(27));
        // 11 hours left from Monday 10:00: Monday 10–12, 13–18 (7 h), Tuesday 09–12, 13–14 (4 h).
        resumed.DueAt(China, SlaTarget.Resolution).Should().Be(Shanghai(2026, 12, 1, 14));
        resumed.Pause(Shanghai(2026, 11, 30, 11)).Pause(Shanghai(2026, 11, 30, 17)).PausedAt.Should().Be(Shanghai(2026, 11, 30, 11), "pausing twice keeps the first");
    }

    [Fact]
    public void A_priority_change_recomputes_the_targets_from_the_original_start()
    {
        var start = Shanghai(2026, 11, 27, 17); // a Friday afternoon
        var clock = SlaClock.Start(start, FourAndSixteenHours);
        clock.DueAt(China, SlaTarget.FirstResponse).Should().Be(Shanghai(2026, 11, 30, 12));
        var urgent = clock.Change(new SlaTargets(TimeSpan.FromHours(1), TimeSpan.FromHours(4)));
        urgent.StartedAt.Should().Be(start);
        urgent.DueAt(China, SlaTarget.FirstResponse).Should().Be(Shanghai(2026, 11, 27, 18));
        urgent.DueAt(China, SlaTarget.Resolution).Should().Be(Shanghai(2026, 11, 30, 12));
        urgent.State(China, Shanghai(2026, 11, 28, 10)).Should().Be(SlaState.Breached, "an hour past Friday 17:00 has gone by");
    }

    [Fact]
    public void A_clock_without_a_first_response_target_judges_only_the_resolution()
    {
        var clock = SlaClock.Start(Shanghai(2026, 11, 24, 10), new SlaTargets(null, TimeSpan.FromHours(2), 50));
        clock.DueAt(China, SlaTarget.FirstResponse).Should().BeNull();
        clock.StateOf(SlaTarget.FirstResponse, China, Shanghai(2026, 12, 24, 10)).Should().BeNull();
        clock.WarnAt(China, SlaTarget.Resolution).Should().Be(Shanghai(2026, 11, 24, 11));
        clock.Stop(China, Shanghai(2026, 11, 24, 11, 30), resolved: true).State(China, Shanghai(2026, 11, 25, 10)).Should().Be(SlaState.Met);
    }
}
