using CsCheck;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Keqing.Modules.Calendar.Features;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Platform;

/// <summary>
/// The business-hours calculator: the shipped China calendar (holidays, 调休 Saturdays, lunch) and a DST zone, with
/// properties checked on random instants taken from a fake clock and random durations.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar China = CompanyCalendar.ToBusinessCalendar(CompanyCalendar.Defaults);

    /// <summary>Berlin, 08:00–17:00 with no break on weekdays, 00:00–24:00 on Sundays (to cross both DST switches, at 02:00/03:00).</summary>
    private static readonly BusinessCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        new Dictionary<DayOfWeek, WorkingHours>
        {
            [DayOfWeek.Monday] = new(new(8, 0), new(17, 0)), [DayOfWeek.Tuesday] = new(new(8, 0), new(17, 0)),
            [DayOfWeek.Wednesday] = new(new(8, 0), new(17, 0)), [DayOfWeek.Thursday] = new(new(8, 0), new(17, 0)),
            [DayOfWeek.Friday] = new(new(8, 0), new(17, 0)), [DayOfWeek.Sunday] = new(new(0, 0), new(0, 0)),
        }, [new DateOnly(2026, 12, 25)], []);

    private static DateTimeOffset Shanghai(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Working_time_follows_hours_lunch_holidays_and_make_up_days()
    {
        China.IsWorkingTime(Shanghai(2026, 11, 24, 10)).Should().BeTrue("a Tuesday morning");
        China.IsWorkingTime(Shanghai(2026, 11, 24, 12, 30)).Should().BeFalse("lunch");
        China.IsWorkingTime(Shanghai(2026, 11, 24, 18)).Should().BeFalse("18:00 is the end");
        China.IsWorkingTime(Shanghai(2026, 11, 24, 8, 59)).Should().BeFalse();
        China.IsWorkingTime(Shanghai(2026, 11, 28, 10)).Should().BeFalse("a Saturday");
        China.IsWorkingTime(Shanghai(2026, 10, 5, 10)).Should().BeFalse("国庆节, a Monday");
        China.IsWorkingTime(Shanghai(2026, 10, 10, 10)).Should().BeTrue("the 国庆 make-up Saturday");
        China.IsWorkingTime(Shanghai(2026, 9, 20, 10)).Should().BeTrue("the make-up Sunday");
        China.IsWorkingTime(Shanghai(2026, 2, 14, 10)).Should().BeTrue("the 春节 make-up Saturday");
        China.IsWorkingTime(Shanghai(2026, 2, 23, 10)).Should().BeFalse("the last day of 春节");
    }

    [Fact]
    public void Adding_business_time_skips_nights_lunch_weekends_and_the_golden_week()
    {
        // Tuesday 10:00 + 8 h: 2 h before lunch, 5 h after, 1 h on Wednesday.
        China.Add(Shanghai(2026, 11, 24, 10), TimeSpan.FromHours(8)).Should().Be(Shanghai(2026, 11, 25, 10));
        China.Add(Shanghai(2026, 11, 24, 10), TimeSpan.FromHours(8)).Offset.Should().Be(TimeSpan.Zero, "results are UTC");
        // Friday 17:00 + 2 h: the Monday.
        China.Add(Shanghai(2026, 11, 27, 17), TimeSpan.FromHours(2)).Should().Be(Shanghai(2026, 11, 30, 10));
        // Wednesday 30 Sep 17:00 + 2 h: 1 h that day, then nothing until Thursday 8 Oct (国庆节 1–7 Oct).
        China.Add(Shanghai(2026, 9, 30, 17), TimeSpan.FromHours(2)).Should().Be(Shanghai(2026, 10, 8, 10));
        // Friday 9 Oct 17:00 + 2 h: the make-up Saturday 10 Oct.
        China.Add(Shanghai(2026, 10, 9, 17), TimeSpan.FromHours(2)).Should().Be(Shanghai(2026, 10, 10, 10));
        // Ending with a working period ends at its end, not at the next start.
        China.Add(Shanghai(2026, 11, 24, 11), TimeSpan.FromHours(1)).Should().Be(Shanghai(2026, 11, 24, 12));
        China.NextWorkingMoment(Shanghai(2026, 11, 24, 12, 15)).Should().Be(Shanghai(2026, 11, 24, 13));
        China.NextWorkingMoment(Shanghai(2026, 11, 24, 10)).Should().Be(Shanghai(2026, 11, 24, 10));
        China.Between(Shanghai(2026, 9, 30, 9), Shanghai(2026, 10, 11, 9)).Should().Be(TimeSpan.FromHours(8 * 4), "30 Sep, 8 Oct, 9 Oct, 10 Oct");
        China.Between(Shanghai(2026, 11, 25, 10), Shanghai(2026, 11, 24, 10)).Should().Be(TimeSpan.FromHours(-8));
        FluentActions.Invoking(() => China.Add(Shanghai(2026, 1, 1, 0), TimeSpan.FromMinutes(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_day_that_crosses_a_DST_switch_counts_the_hours_that_really_pass()
    {
        // 29 Mar 2026 (spring forward) and 25 Oct 2026 (fall back) are Sundays, worked 00:00–24:00 here.
        var spring = new DateOnly(2026, 3, 29);
        var fall = new DateOnly(2026, 10, 25);
        Berlin.WorkingPeriods(spring).Sum(p => (p.End - p.Start).TotalHours).Should().Be(23);
        Berlin.WorkingPeriods(fall).Sum(p => (p.End - p.Start).TotalHours).Should().Be(25);
        var sundayStart = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1));
        Berlin.Add(sundayStart, TimeSpan.FromHours(3)).Should().Be(new DateTimeOffset(2026, 3, 29, 4, 0, 0, TimeSpan.FromHours(2)));
        // Monday after the switch starts at 08:00 summer time.
        Berlin.Add(sundayStart, TimeSpan.FromHours(24)).Should().Be(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)));
        Berlin.IsWorkingTime(new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.FromHours(1))).Should().BeFalse("a holiday");
    }

    public static TheoryData<string> Calendars => ["china", "berlin"];

    private static BusinessCalendar Named(string name) => name == "china" ? China : Berlin;

    /// <summary>Instants from a fake clock started in late 2025 and moved on by up to two years (both sides of every 2026 holiday and DST switch).</summary>
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, (long)TimeSpan.FromDays(2 * 365).TotalMinutes].Select(minutes =>
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(minutes) + TimeSpan.FromTicks(minutes % 7 * 13_000_000));
        return clock.GetUtcNow();
    });

    private static readonly Gen<TimeSpan> Duration = Gen.OneOf(
        Gen.Int[0, 600].Select(m => TimeSpan.FromMinutes(m)),
        Gen.Int[0, 60 * 24 * 20].Select(m => TimeSpan.FromMinutes(m)));

    private static bool InOrAtEndOfWorkingTime(BusinessCalendar calendar, DateTimeOffset instant) =>
        calendar.IsWorkingTime(instant) || calendar.WorkingPeriods(calendar.LocalDate(instant))
            .Concat(calendar.WorkingPeriods(calendar.LocalDate(instant).AddDays(-1))).Any(p => p.End == instant);

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_then_measuring_gives_back_the_duration_and_lands_in_working_time(string name)
    {
        var calendar = Named(name);
        Gen.Select(Instant, Duration).Sample((start, duration) =>
        {
            var due = calendar.Add(start, duration);
            due.Offset.Should().Be(TimeSpan.Zero);
            due.Should().BeOnOrAfter(start);
            calendar.Between(start, due).Should().Be(duration);
            InOrAtEndOfWorkingTime(calendar, due).Should().BeTrue($"{due:O} is in working time");
            if (duration > TimeSpan.Zero)
                calendar.IsWorkingTime(due.AddTicks(-1)).Should().BeTrue("the last tick counted is working time");
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_is_monotonic_in_start_and_duration(string name)
    {
        var calendar = Named(name);
        Gen.Select(Instant, Instant, Duration, Duration).Sample((a, b, d1, d2) =>
        {
            var (s1, s2) = a <= b ? (a, b) : (b, a);
            var (short_, long_) = d1 <= d2 ? (d1, d2) : (d2, d1);
            calendar.Add(s1, short_).Should().BeOnOrBefore(calendar.Add(s1, long_));
            calendar.Add(s1, short_).Should().BeOnOrBefore(calendar.Add(s2, short_));
            calendar.Between(s1, s2).Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
            // Between is additive over any split point.
            var mid = s1 + (s2 - s1) / 2;
            (calendar.Between(s1, mid) + calendar.Between(mid, s2)).Should().Be(calendar.Between(s1, s2));
        }, iter: 200);
    }

    [Fact]
    public void Holidays_never_count_and_make_up_days_always_do() =>
        Gen.Select(Instant, Duration).Sample((start, duration) =>
        {
            var due = China.Add(start, duration);
            var counted = TimeSpan.Zero;
            for (var date = China.LocalDate(start); date <= China.LocalDate(due); date = date.AddDays(1))
            {
                var dayStart = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
                var inDay = China.Between(Max(start, dayStart), Min(due, dayStart.AddDays(1)));
                var holiday = CompanyCalendar.Defaults.Holidays!.Any(h => h.Date == date);
                var makeUp = CompanyCalendar.Defaults.MakeUpWorkdays!.Any(h => h.Date == date);
                if (holiday || (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !makeUp)) inDay.Should().Be(TimeSpan.Zero, $"{date} is off");
                if (makeUp && start <= dayStart && due >= dayStart.AddDays(1)) inDay.Should().Be(TimeSpan.FromHours(8), $"{date} is a make-up working day");
                counted += inDay;
            }
            counted.Should().Be(duration);
        }, iter: 300);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [Theory]
    [MemberData(nameof(Calendars))]
    public void The_next_working_moment_is_working_time_and_nothing_before_it_is(string name)
    {
        var calendar = Named(name);
        Instant.Sample(instant =>
        {
            var next = calendar.NextWorkingMoment(instant);
            calendar.IsWorkingTime(next).Should().BeTrue();
            calendar.Between(instant, next).Should().Be(TimeSpan.Zero);
            if (calendar.IsWorkingTime(instant)) next.Should().Be(instant);
        }, iter: 300);
    }
}
