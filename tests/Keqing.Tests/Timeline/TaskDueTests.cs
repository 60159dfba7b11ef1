using Keqing.Infrastructure.Text;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Timeline.Pages;

namespace Keqing.Tests.Timeline;

/// <summary>The task dialog's due presets in Beijing time, and the tel:/mailto: links of phones and emails.</summary>
public sealed class TaskDueTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Beijing).ToString("yyyy-MM-dd HH:mm ddd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // 2026-12-03 is a Thursday; 10:00 UTC is 18:00 in Beijing.
    [InlineData("2026-12-03T01:00:00Z", DuePreset.Today, "2026-12-03 18:00 Thu")]
    [InlineData("2026-12-03T11:20:00Z", DuePreset.Today, "2026-12-03 20:00 Thu")] // 19:20 local: the next whole hour
    [InlineData("2026-12-03T15:30:00Z", DuePreset.Today, "2026-12-03 23:59 Thu")] // 23:30 local: still today
    [InlineData("2026-12-03T17:00:00Z", DuePreset.Tomorrow, "2026-12-05 09:00 Sat")] // already Friday 01:00 in Beijing
    [InlineData("2026-12-03T01:00:00Z", DuePreset.Tomorrow, "2026-12-04 09:00 Fri")]
    [InlineData("2026-12-03T01:00:00Z", DuePreset.NextMonday, "2026-12-07 09:00 Mon")]
    [InlineData("2026-12-06T20:00:00Z", DuePreset.NextMonday, "2026-12-14 09:00 Mon")] // Monday 04:00 in Beijing: a week ahead
    public void Presets_fall_on_beijing_days(string now, DuePreset preset, string expected) =>
        Local(TaskDue.At(preset, DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), Beijing)).Should().Be(expected);

    [Fact]
    public void A_local_time_a_clock_change_skips_is_taken_at_the_next_valid_half_hour()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 2026-03-08 02:30 does not exist in New York (02:00 jumps to 03:00 EDT, 07:00 UTC).
        UserClock.ToUtc(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), newYork).Should().Be(new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc));
        UserClock.ToUtc(new DateOnly(2026, 3, 8), new TimeOnly(9, 0), newYork).Should().Be(new DateTime(2026, 3, 8, 13, 0, 0, DateTimeKind.Utc));
        TimelineText.EndOfDay(new DateOnly(2026, 12, 3), Beijing).Should().Be(new DateTime(2026, 12, 3, 15, 59, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_reminder_lead_round_trips()
    {
        var due = new DateTime(2026, 12, 4, 1, 0, 0, DateTimeKind.Utc);
        foreach (var lead in Enum.GetValues<ReminderLead>())
            TaskDue.LeadOf(due, TaskDue.RemindAt(due, lead)).Should().Be(lead);
        TaskDue.LeadOf(due, due.AddMinutes(-7)).Should().Be(ReminderLead.AtDue);
    }

    [Theory]
    [InlineData("138 0013 8000", "tel:13800138000")]
    [InlineData("+86 138-0013-8000", "tel:+8613800138000")]
    [InlineData("0755-1234 5678 转 123", "tel:075512345678,123")]
    [InlineData("０２１-５５５５０００１", "tel:02155550001")]
    [InlineData("***", null)]
    [InlineData("", null)]
    public void Phones_become_tel_links(string phone, string? expected) => ContactLinks.Tel(phone).Should().Be(expected);

    [Theory]
    [InlineData("wang@example.cn", "mailto:wang@example.cn")]
    [InlineData("***", null)]
    [InlineData("not an address", null)]
    public void Emails_become_mailto_links(string email, string? expected) => ContactLinks.Mail(email).Should().Be(expected);
}
