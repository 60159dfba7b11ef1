using Keqing.Infrastructure.Time;

namespace Keqing.Modules.Timeline.Pages;

/// <summary>The due presets of the task dialog, in a time zone: today, tomorrow, next Monday, or a chosen local date and time.</summary>
public enum DuePreset { Today, Tomorrow, NextMonday, Custom }

/// <summary>How far before the due time the reminder goes out.</summary>
public enum ReminderLead { None, AtDue, Minutes15, Hour1, Day1 }

/// <summary>Turns the task dialog's presets into UTC instants (pure; the page passes the clock and the zone).</summary>
public static class TaskDue
{
    /// <summary>Work starts at 09:00 and a "today" task is due by 18:00 local time.</summary>
    public static readonly TimeOnly MorningAt = new(9, 0), EveningAt = new(18, 0);

    /// <summary>
    /// Today: 18:00, or the next whole hour when that is later (at the latest 23:59); tomorrow and next Monday: 09:00.
    /// Next Monday is the Monday after today (a week ahead when today is a Monday).
    /// </summary>
    public static DateTime At(DuePreset preset, DateTime utcNow, TimeZoneInfo zone)
    {
        var local = UserClock.Local(utcNow, zone).DateTime;
        var today = DateOnly.FromDateTime(local);
        return preset switch
        {
            DuePreset.Today => UserClock.ToUtc(today, Later(EveningAt, NextHour(local)), zone),
            DuePreset.Tomorrow => UserClock.ToUtc(today.AddDays(1), MorningAt, zone),
            DuePreset.NextMonday => UserClock.ToUtc(today.AddDays(DaysToMonday(today.DayOfWeek)), MorningAt, zone),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), "A custom due time comes from the date and time fields."),
        };
    }

    /// <summary>The reminder instant for a due time; null for no reminder.</summary>
    public static DateTime? RemindAt(DateTime dueUtc, ReminderLead lead) => lead switch
    {
        ReminderLead.AtDue => dueUtc,
        ReminderLead.Minutes15 => dueUtc.AddMinutes(-15),
        ReminderLead.Hour1 => dueUtc.AddHours(-1),
        ReminderLead.Day1 => dueUtc.AddDays(-1),
        _ => null,
    };

    /// <summary>The lead of a stored reminder (one of the presets when it matches, else at due).</summary>
    public static ReminderLead LeadOf(DateTime dueUtc, DateTime? remindUtc) => remindUtc is not { } r ? ReminderLead.None
        : (dueUtc - r) switch
        {
            { TotalMinutes: 15 } => ReminderLead.Minutes15,
            { TotalHours: 1 } => ReminderLead.Hour1,
            { TotalDays: 1 } => ReminderLead.Day1,
            _ => ReminderLead.AtDue,
        };

    private static int DaysToMonday(DayOfWeek day) => day == DayOfWeek.Monday ? 7 : ((int)DayOfWeek.Monday - (int)day + 7) % 7;

    private static TimeOnly NextHour(DateTime local) =>
        local.Hour >= 23 ? new TimeOnly(23, 59) : new TimeOnly(local.Hour + 1, 0);

    private static TimeOnly Later(TimeOnly a, TimeOnly b) => a >= b ? a : b;
}
