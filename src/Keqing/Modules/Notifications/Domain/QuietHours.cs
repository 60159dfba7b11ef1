namespace Keqing.Modules.Notifications.Domain;

/// <summary>
/// A daily window in a time zone when nothing should buzz a user's phone (22:00–08:00 spans midnight). Messages due
/// inside it are held until it ends.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly Until, TimeZoneInfo Zone)
{
    /// <summary>The first instant at or after <paramref name="utc"/> outside the window.</summary>
    public DateTime NextAllowed(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        var time = TimeOnly.FromDateTime(local);
        DateTime endLocal;
        if (From < Until)
        {
            if (time < From || time >= Until) return utc;
            endLocal = local.Date + Until.ToTimeSpan();
        }
        else
        {
            if (time >= Until && time < From) return utc;
            endLocal = time >= From ? local.Date.AddDays(1) + Until.ToTimeSpan() : local.Date + Until.ToTimeSpan();
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(endLocal, DateTimeKind.Unspecified), Zone);
    }
}
