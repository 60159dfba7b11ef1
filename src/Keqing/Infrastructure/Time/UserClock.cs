using System.Globalization;
using Keqing.Infrastructure.Auth;

namespace Keqing.Infrastructure.Time;

/// <summary>
/// The one place that turns a stored UTC instant into what a person reads: the local time in their time zone as
/// <c>yyyy-MM-dd HH:mm</c>, never labelled UTC. Pages use <see cref="LocalTime"/>; text built in code (notifications,
/// localized sentences) uses <see cref="Show(DateTime, TimeZoneInfo)"/> with the zone of its reader.
/// </summary>
public sealed class UserClock(UiOperations operations, CurrentUser me)
{
    /// <summary>The one format of a date and time on screen and in messages.</summary>
    public const string Format = "yyyy-MM-dd HH:mm";

    private Task<TimeZoneInfo>? zone;

    /// <summary>The signed-in user's zone, read once per scope (a Blazor circuit or a request).</summary>
    public Task<TimeZoneInfo> Zone()
    {
        if (zone is null || zone.IsFaulted || zone.IsCanceled)
            zone = operations.Run<IUserTimeZones, TimeZoneInfo>(z => z.Of(me.UserIdOrNull, CancellationToken.None));
        return zone;
    }

    /// <summary>Forgets the zone read, after the user changed their preference.</summary>
    public void Forget() => zone = null;

    /// <summary>An instant in the signed-in user's zone, as <see cref="Format"/>.</summary>
    public async Task<string> Show(DateTime utc) => Show(utc, await Zone());

    /// <summary>A UTC instant as local time in <paramref name="zone"/>, with its offset.</summary>
    public static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);

    /// <summary>A UTC instant as <see cref="Format"/> in <paramref name="zone"/>.</summary>
    public static string Show(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>An instant as <see cref="Format"/> in <paramref name="zone"/>.</summary>
    public static string Show(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The UTC instant a local calendar day begins in <paramref name="zone"/> (a date typed into a filter).</summary>
    public static DateTime StartOfDay(DateOnly day, TimeZoneInfo zone) => ToUtc(day, TimeOnly.MinValue, zone);

    /// <summary>
    /// A local date and time in <paramref name="zone"/> (typed into a form, a preset, a day boundary) as UTC; a time a
    /// daylight-saving change skips is taken at the first valid half hour after it.
    /// </summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The instant in ISO 8601 UTC, for machines (an HTML <c>time</c> element's <c>datetime</c>).</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time of day (quiet hours, opening hours) as a form edits it, e.g. 21:00: no instant, no zone.</summary>
    public static string? TimeOfDay(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> names an IANA time zone this machine knows (a Windows name is not one).</summary>
    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) && found.HasIanaId;
}
