using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Timeline.Contracts;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>
/// Contact boundaries (DOMAIN P4, 距离产生美), pure: quiet hours in the company's time zone (the calendar's) (a window that may cross
/// midnight), a cap on outbound contacts per customer and channel per calendar week (Monday to Sunday, local), and
/// personal-occasion contact only with contacts who opted in.
/// </summary>
public static class ContactBoundaries
{
    public const string QuietHoursCode = "quietHours";
    public const string WeeklyCapCode = "weeklyCap";
    public const string PersonalOccasionCode = "personalOccasion";

    /// <summary>Whether a local time of day falls in the quiet window [from, until); from == until means no window.</summary>
    public static bool InQuietHours(TimeOnly time, TimeOnly from, TimeOnly until) =>
        from < until ? time >= from && time < until
        : from > until && (time >= from || time < until);

    /// <summary>The start (local Monday 00:00) of the calendar week holding a local time.</summary>
    public static DateTime WeekStart(DateTime local)
    {
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        return local.Date.AddDays(-daysSinceMonday);
    }

    /// <summary>The UTC bounds [start, end) of the local calendar week holding a UTC instant.</summary>
    public static (DateTime Start, DateTime End) WeekOf(DateTime utc, TimeZoneInfo zone)
    {
        var start = DateOnly.FromDateTime(WeekStart(TimeZoneInfo.ConvertTimeFromUtc(utc, zone)));
        return (UserClock.StartOfDay(start, zone), UserClock.StartOfDay(start.AddDays(7), zone));
    }

    /// <summary>
    /// The warnings for one contact at <paramref name="utc"/>: quiet hours and the weekly cap apply to outbound contacts
    /// only (a customer may call us any time); <paramref name="othersThisWeek"/> counts the
    /// customer's other outbound contacts on the same channel in that local week; <paramref name="personalWithoutOptIn"/>
    /// is true for a personal-occasion contact not every participant opted in to.
    /// </summary>
    public static IReadOnlyList<BoundaryWarning> Check(TimelineSettings settings, TimeZoneInfo zone, InteractionChannel channel, DateTime utc,
        bool outbound, int othersThisWeek, bool personalWithoutOptIn)
    {
        var warnings = new List<BoundaryWarning>();
        if (outbound && settings is { QuietFrom: { } from, QuietUntil: { } until })
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
            if (InQuietHours(TimeOnly.FromDateTime(local), from, until))
                warnings.Add(new BoundaryWarning(QuietHoursCode, FieldErrors.Text("{0} is within the quiet hours {1}–{2} ({3}).",
                    local.ToString("HH:mm", CultureInfo.CurrentCulture), from.ToString("HH:mm", CultureInfo.CurrentCulture),
                    until.ToString("HH:mm", CultureInfo.CurrentCulture), zone.Id)));
        }
        if (outbound && settings.MaxContactsPerChannelPerWeek is { } cap && othersThisWeek + 1 > cap)
            warnings.Add(new BoundaryWarning(WeeklyCapCode, FieldErrors.Text("This is contact {0} by {1} with this customer this week; the limit is {2}.",
                othersThisWeek + 1, channel.ToString().ToLowerInvariant(), cap)));
        if (personalWithoutOptIn)
            warnings.Add(new BoundaryWarning(PersonalOccasionCode,
                FieldErrors.Text("A personal-occasion contact, and not every contact taking part invited one.")));
        return warnings;
    }
}
