using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Jobs;

namespace Keqing.Tests.Notifications;

/// <summary>Pure rules: quiet hours, retry backoff.</summary>
public sealed class RulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-03-01T23:30:00", "2026-03-02T08:00:00")]  // inside, before midnight → next morning
    [InlineData("2026-03-02T06:00:00", "2026-03-02T08:00:00")]  // inside, after midnight → this morning
    [InlineData("2026-03-02T08:00:00", "2026-03-02T08:00:00")]  // the end is outside
    [InlineData("2026-03-02T12:00:00", "2026-03-02T12:00:00")]  // daytime: now
    [InlineData("2026-03-01T22:00:00", "2026-03-02T08:00:00")]  // the start is inside
    public void Quiet_hours_across_midnight_hold_until_they_end(string localNow, string localExpected)
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(8, 0), Shanghai);
        var now = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture), Shanghai);
        var expected = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(localExpected, System.Globalization.CultureInfo.InvariantCulture), Shanghai);
        quiet.NextAllowed(now).Should().Be(expected);
    }

    [Fact]
    public void Quiet_hours_within_a_day()
    {
        var quiet = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 30), Shanghai);
        var at = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 2, 12, 15, 0), Shanghai);
        quiet.NextAllowed(at).Should().Be(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 2, 13, 30, 0), Shanghai));
        var before = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 2, 11, 0, 0), Shanghai);
        quiet.NextAllowed(before).Should().Be(before);
    }

    [Fact]
    public void Backoff_doubles_up_to_an_hour()
    {
        OutboxDispatcher.Backoff(1, 30).Should().Be(TimeSpan.FromSeconds(30));
        OutboxDispatcher.Backoff(2, 30).Should().Be(TimeSpan.FromSeconds(60));
        OutboxDispatcher.Backoff(5, 30).Should().Be(TimeSpan.FromSeconds(480));
        OutboxDispatcher.Backoff(30, 30).Should().Be(TimeSpan.FromHours(1));
    }
}
