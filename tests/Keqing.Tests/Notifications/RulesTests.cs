using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Jobs;

namespace Keqing.Tests.Notifications;

/// <summary>Pure rules: the credit code's check character, quiet hours, retry backoff.</summary>
public sealed class RulesTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]   // the example printed in explanations of GB 32100-2015
    [InlineData("91350100m000100y43")]   // case does not matter
    [InlineData("913101153AGYGLUY2T")]   // from the sample registry file
    public void Valid_credit_codes_pass(string code) => CreditCode.IsValid(code).Should().BeTrue();

    [Theory]
    [InlineData("91350100M000100Y44")]   // wrong check character
    [InlineData("91350100M000100Y4")]    // 17 characters
    [InlineData("91350100M000100Y433")]  // 19 characters
    [InlineData("91350100I000100Y43")]   // I is not in the alphabet
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_credit_codes_fail(string? code) => CreditCode.IsValid(code).Should().BeFalse();

    [Fact]
    public void Check_character_follows_the_standard_weights()
    {
        // Sum of value × 3^i mod 31 over the first 17; check = (31 − sum mod 31) mod 31, as an index into the alphabet.
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var first17 = "91350100M000100Y4";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += alphabet.IndexOf(first17[i]) * (int)(BigPow(3, i) % 31);
        CreditCode.CheckCharacter(first17).Should().Be(alphabet[(31 - sum % 31) % 31]);
        CreditCode.CheckCharacter(first17).Should().Be('3');
    }

    private static long BigPow(int b, int e) { long r = 1; for (var i = 0; i < e; i++) r *= b; return r; }

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
