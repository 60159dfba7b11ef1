using System.Globalization;
using CsCheck;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;

namespace Keqing.Tests.Timeline;

/// <summary>The pure follow-up rules: quiet hours (also across midnight), calendar weeks, weekly caps, cadence due dates.</summary>
public sealed class ContactRulesTests
{
    private static readonly Gen<TimeOnly> Time = Gen.Int[0, 24 * 60 - 1].Select(m => new TimeOnly(m / 60, m % 60));
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("22:30", true)]
    [InlineData("21:00", true)]
    [InlineData("00:00", true)]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    [InlineData("12:00", false)]
    [InlineData("20:59", false)]
    public void Quiet_hours_from_21_to_8_cross_midnight(string time, bool quiet) =>
        ContactBoundaries.InQuietHours(TimeOnly.Parse(time, CultureInfo.InvariantCulture), new TimeOnly(21, 0), new TimeOnly(8, 0)).Should().Be(quiet);

    [Fact]
    public void A_window_within_a_day_is_from_inclusive_until_exclusive() =>
        Gen.Select(Time, Time, Time).Where((t, a, b) => a < b).Sample((t, from, until) =>
            ContactBoundaries.InQuietHours(t, from, until) == (t >= from && t < until));

    [Fact]
    public void A_window_across_midnight_is_the_complement_of_the_day_window() =>
        Gen.Select(Time, Time, Time).Where((t, a, b) => a != b).Sample((t, from, until) =>
            ContactBoundaries.InQuietHours(t, from, until) == !ContactBoundaries.InQuietHours(t, until, from));

    [Fact]
    public void Equal_ends_mean_no_quiet_hours() =>
        Gen.Select(Time, Time).Sample((t, at) => !ContactBoundaries.InQuietHours(t, at, at));

    [Fact]
    public void A_week_starts_on_the_monday_at_or_before_the_day() =>
        Gen.Int[0, 3_000_000].Select(Gen.Int[0, 86_399]).Sample((minutes, seconds) =>
        {
            var local = new DateTime(2020, 1, 1).AddMinutes(minutes).AddSeconds(seconds);
            var start = ContactBoundaries.WeekStart(local);
            return start.DayOfWeek == DayOfWeek.Monday && start.TimeOfDay == TimeSpan.Zero && start <= local && local < start.AddDays(7);
        });

    [Fact]
    public void The_weekly_cap_warns_exactly_when_this_contact_exceeds_it() =>
        Gen.Select(Gen.Int[1, 20], Gen.Int[0, 30], Gen.Enum<InteractionChannel>()).Sample((cap, others, channel) =>
        {
            var settings = new TimelineSettings { QuietFrom = null, QuietUntil = null, MaxContactsPerChannelPerWeek = cap };
            var at = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);
            var outbound = ContactBoundaries.Check(settings, Shanghai, channel, at, outbound: true, others, personalWithoutOptIn: false);
            var inbound = ContactBoundaries.Check(settings, Shanghai, channel, at, outbound: false, others, personalWithoutOptIn: false);
            return outbound.Any(w => w.Code == ContactBoundaries.WeeklyCapCode) == (others + 1 > cap) && inbound.Count == 0;
        });

    [Fact]
    public void Quiet_hours_are_counted_in_the_company_time_zone()
    {
        var settings = new TimelineSettings();
        // 14:30 UTC is 22:30 in Shanghai.
        ContactBoundaries.Check(settings, Shanghai, InteractionChannel.Call, new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), true, 0, false)
            .Select(w => w.Code).Should().Equal(ContactBoundaries.QuietHoursCode);
        ContactBoundaries.Check(settings, Shanghai, InteractionChannel.Call, new DateTime(2026, 11, 24, 2, 30, 0, DateTimeKind.Utc), true, 0, false)
            .Should().BeEmpty();
        ContactBoundaries.Check(settings, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), InteractionChannel.Call, new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), true, 0, false)
            .Should().BeEmpty("09:30 in New York");
    }

    [Fact]
    public void The_week_of_an_instant_is_monday_to_monday_in_shanghai()
    {
        // Sunday 2026-11-22 17:00 UTC is Monday 01:00 in Shanghai: the new week.
        var (start, end) = ContactBoundaries.WeekOf(new DateTime(2026, 11, 22, 17, 0, 0, DateTimeKind.Utc), Shanghai);
        start.Should().Be(new DateTime(2026, 11, 22, 16, 0, 0, DateTimeKind.Utc));
        end.Should().Be(start.AddDays(7));
    }

    [Fact]
    public void A_customer_is_due_once_the_cadence_has_passed_since_the_last_contact() =>
        Gen.Select(Gen.Int[1, 365], Gen.Int[0, 800 * 1440], Gen.Bool).Sample((days, minutesAgo, never) =>
        {
            var now = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);
            DateTime? last = never ? null : now.AddMinutes(-minutesAgo);
            var due = Cadence.IsDue(last, days, now);
            var agrees = never ? due : due == (minutesAgo >= days * 1440);
            var cutoffAgrees = never || due == (last <= Cadence.DueCutoff(days, now));
            return agrees && cutoffAgrees && !Cadence.IsDue(last, null, now);
        });
}
