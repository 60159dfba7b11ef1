using System.Globalization;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>
/// The signed-in user's notification preferences: language, time zone, quiet hours and channels per event type.
/// A user without saved preferences has the defaults at version 0; PUT with <c>If-Match: "0"</c> saves the first ones.
/// </summary>
public sealed class Preferences(KeqingDb db, CurrentUser me, INotifier notifier, UserTimeZones zones)
{
    /// <summary>What PUT sends.</summary>
    public sealed record Request(string? Culture, string? TimeZone, QuietHoursDto? QuietHours, IReadOnlyList<EventChannels>? Events);

    public async Task<NotificationPreferencesDto> Get(CancellationToken ct)
    {
        var userId = me.UserId;
        var settings = await db.Set<NotificationSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct)
                       ?? new NotificationSettings { UserId = userId, TimeZone = (await zones.Company(ct)).Id };
        return ToDto(settings);
    }

    public async Task<NotificationPreferencesDto> Update(long expectedVersion, Request request, CancellationToken ct)
    {
        var userId = me.UserId;
        var errors = new FieldErrors();
        var culture = request.Culture ?? NotificationSettings.DefaultCulture;
        if (!KeqingHost.Cultures.Contains(culture)) errors.Add("culture", FieldErrors.Text("culture is one of {0}.", string.Join(", ", KeqingHost.Cultures)));
        var timeZone = request.TimeZone ?? (await zones.Company(ct)).Id;
        if (!UserClock.IsIanaZone(timeZone))
            errors.Add("timeZone", FieldErrors.Text("timeZone is an IANA time zone such as Asia/Shanghai."));
        TimeOnly? from = null, until = null;
        if (request.QuietHours is { } quiet)
        {
            from = ParseTime(quiet.From, "quietHours.from", errors);
            until = ParseTime(quiet.Until, "quietHours.until", errors);
            if (from is not null && from == until) errors.Add("quietHours", FieldErrors.Text("Quiet hours must not start and end at the same time."));
        }
        var map = new Dictionary<string, IReadOnlyList<Channel>>(StringComparer.Ordinal);
        foreach (var e in request.Events ?? [])
        {
            if (!EventTypes.All.Contains(e.EventType)) errors.Add("events", FieldErrors.Text("Unknown event type '{0}'.", e.EventType));
            else if (!map.TryAdd(e.EventType, e.Channels ?? [])) errors.Add("events", FieldErrors.Text("Event type '{0}' is listed twice.", e.EventType));
        }
        errors.ThrowIfAny();

        var settings = await db.Set<NotificationSettings>().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            settings = new NotificationSettings { UserId = userId, Version = 1 };
            db.Add(settings);
        }
        else Preconditions.ExpectVersion(db, settings, expectedVersion);

        settings.Culture = culture;
        settings.TimeZone = timeZone;
        settings.QuietFrom = from;
        settings.QuietUntil = until;
        settings.SetChannels(map);
        await db.SaveChangesAsync(ct);
        return ToDto(settings);
    }

    /// <summary>Sends the signed-in user a test notification through the channels they chose for system.test.</summary>
    public async Task SendMeATest(CancellationToken ct)
    {
        await notifier.Notify(new NotificationRequest(EventTypes.SystemTest, me.UserId, "Test notification",
            "This is a test message from Keqing CRM. If you can read it, this channel works.", "/me/notifications"), ct);
        await db.SaveChangesAsync(ct);
    }

    private static TimeOnly? ParseTime(string? value, string field, FieldErrors errors)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(field, FieldErrors.Text("A time of day as HH:mm."));
        return null;
    }

    private static NotificationPreferencesDto ToDto(NotificationSettings s)
    {
        var map = s.ChannelMap();
        var events = EventTypes.All.Select(e => new EventChannels(e, map.TryGetValue(e, out var c) ? c : NotificationSettings.DefaultChannels)).ToList();
        var quiet = s.QuietFrom is { } f && s.QuietUntil is { } u
            ? new QuietHoursDto(f.ToString("HH:mm", CultureInfo.InvariantCulture), u.ToString("HH:mm", CultureInfo.InvariantCulture))
            : null;
        return new NotificationPreferencesDto(s.Culture, s.TimeZone, quiet, events, s.Version);
    }
}
