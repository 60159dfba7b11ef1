using System.Globalization;
using Keqing.Infrastructure.Time;
using Keqing.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Notifications.Pages;

/// <summary>
/// The time zones a user can pick: every IANA zone this machine knows, the ones Chinese teams use most first, each
/// with a name in the user's language where it has one, its id and its current offset.
/// </summary>
public static class TimeZoneChoices
{
    private static readonly string[] Common =
    [
        "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Urumqi", "Asia/Singapore", "Asia/Tokyo",
        "Asia/Seoul", "Asia/Bangkok", "Asia/Kolkata", "Asia/Dubai", "Europe/Moscow", "Europe/London", "Europe/Paris",
        "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Australia/Sydney",
    ];

    /// <summary>Every zone id, the common ones first, then the rest in order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Common.Where(UserClock.IsIanaZone),
        .. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id)
            .Except(Common, StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    /// <summary>The English key (localized through NotificationsResource) of a zone's everyday name, or null.</summary>
    [TextKeys]
    public static string? Name(string id) => id switch
    {
        "Asia/Shanghai" => "Beijing time",
        "Asia/Hong_Kong" => "Hong Kong",
        "Asia/Macau" => "Macau",
        "Asia/Taipei" => "Taipei",
        "Asia/Urumqi" => "Urumqi",
        "Asia/Singapore" => "Singapore",
        "Asia/Tokyo" => "Tokyo",
        "Asia/Seoul" => "Seoul",
        "Asia/Bangkok" => "Bangkok",
        "Asia/Kolkata" => "India",
        "Asia/Dubai" => "Dubai",
        "Europe/Moscow" => "Moscow",
        "Europe/London" => "London",
        "Europe/Paris" => "Paris",
        "Europe/Berlin" => "Berlin",
        "America/New_York" => "New York",
        "America/Chicago" => "Chicago",
        "America/Los_Angeles" => "Los Angeles",
        "Australia/Sydney" => "Sydney",
        _ => null,
    };

    /// <summary>"北京时间 · Asia/Shanghai (+08:00)": what the picker shows for a zone.</summary>
    public static string Label(IStringLocalizer l, string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        var offset = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? Offset(zone.GetUtcOffset(DateTime.UtcNow)) : "";
        return Name(id) is { } name ? $"{l[name]} · {id} ({offset})" : $"{id} ({offset})";
    }

    /// <summary>The zones whose label or id holds <paramref name="text"/>; all of them for no text.</summary>
    public static IEnumerable<string> Search(IStringLocalizer l, string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? All
            : All.Where(id => Label(l, id).Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                              || id.Replace('_', ' ').Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
