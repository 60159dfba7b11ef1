using CsCheck;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Keqing.Modules.Leads.Features;
using Microsoft.Extensions.Time.Testing;

namespace Keqing.Tests.Leads;

/// <summary>
/// The response clock's deadlines on the shipped 2026 China calendar (09:00–18:00, lunch 12:00–13:00, holidays and
/// 调休 make-up days), from instants a fake clock gives: across nights, weekends, the golden week and make-up days.
/// </summary>
public sealed class ResponseClockTests
{
    private static readonly BusinessCalendar China = CompanyCalendar.ToBusinessCalendar(CompanyCalendar.Defaults);
    private static readonly TimeSpan FourHours = TimeSpan.FromHours(4);

    private static DateTimeOffset Shanghai(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("a Tuesday morning", 2026, 11, 24, 10, 0, 2026, 11, 24, 15, 0)]  // 2 h, lunch, 2 h
    [InlineData("a Tuesday night", 2026, 11, 24, 20, 0, 2026, 11, 25, 14, 0)]    // 09–12, 13–14
    [InlineData("a Friday afternoon", 2026, 11, 27, 17, 0, 2026, 11, 30, 12, 0)] // 1 h, the weekend, 3 h Monday
    [InlineData("a Saturday", 2026, 11, 28, 11, 0, 2026, 11, 30, 14, 0)]
    [InlineData("the eve of the golden week", 2026, 9, 30, 17, 0, 2026, 10, 8, 12, 0)]
    [InlineData("before the make-up Saturday", 2026, 10, 9, 17, 0, 2026, 10, 10, 12, 0)]
    [InlineData("in the Spring Festival", 2026, 2, 17, 10, 0, 2026, 2, 24, 14, 0)]
    public void Four_business_hours_skip_nights_weekends_and_holidays_and_count_make_up_days(string when,
        int y, int mo, int d, int h, int mi, int dy, int dmo, int dd, int dh, int dmi)
    {
        var (_, respondBy) = ResponseClock.Deadlines(China, Shanghai(y, mo, d, h, mi), FourHours);
        respondBy.Should().Be(Shanghai(dy, dmo, dd, dh, dmi), when);
    }

    [Fact]
    public void The_reminder_comes_at_80_percent_of_the_business_time()
    {
        // Friday 17:00: 1 h on Friday, 2 h 12 min on Monday (3 h 12 min = 80 % of 4 h).
        var (remindAt, respondBy) = ResponseClock.Deadlines(China, Shanghai(2026, 11, 27, 17), FourHours);
        remindAt.Should().Be(Shanghai(2026, 11, 30, 11, 12));
        respondBy.Should().Be(Shanghai(2026, 11, 30, 12));
    }

    /// <summary>Clock starts from a fake clock moved on by up to a year and a bit from late 2025 (every 2026 holiday and make-up day).</summary>
    private static readonly Gen<DateTimeOffset> Start = Gen.Long[0, (long)TimeSpan.FromDays(400).TotalMinutes].Select(minutes =>
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(minutes));
        return clock.GetUtcNow();
    });

    private static readonly Gen<TimeSpan> Target = Gen.Int[1, 60 * 8 * 10].Select(m => TimeSpan.FromMinutes(m));

    [Fact]
    public void Deadlines_hold_exactly_the_target_of_business_time_and_the_reminder_comes_first() =>
        Gen.Select(Start, Target).Sample((start, target) =>
        {
            var (remindAt, respondBy) = ResponseClock.Deadlines(China, start, target);
            China.Between(start, respondBy).Should().Be(target);
            China.Between(start, remindAt).Should().Be(target * 0.8);
            remindAt.Should().BeOnOrAfter(start).And.BeOnOrBefore(respondBy);
            China.IsWorkingTime(respondBy.AddTicks(-1)).Should().BeTrue("the last tick counted is working time");
            var day = China.LocalDate(respondBy.AddTicks(-1));
            CompanyCalendar.Defaults.Holidays!.Should().NotContain(h => h.Date == day, "no deadline runs out on a holiday");
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                CompanyCalendar.Defaults.MakeUpWorkdays!.Should().Contain(m => m.Date == day, "a weekend counts only when it is a make-up day");
        }, iter: 400);

    [Fact]
    public void A_later_start_never_gives_an_earlier_deadline() =>
        Gen.Select(Start, Start, Target).Sample((a, b, target) =>
        {
            var (early, late) = a <= b ? (a, b) : (b, a);
            ResponseClock.Deadlines(China, early, target).RespondBy.Should().BeOnOrBefore(ResponseClock.Deadlines(China, late, target).RespondBy);
        }, iter: 300);
}
