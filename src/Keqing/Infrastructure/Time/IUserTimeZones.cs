namespace Keqing.Infrastructure.Time;

/// <summary>
/// The time zone a user sees times in: their own preference, else the company's. Implemented by the module that keeps
/// the preference (Notifications); <see cref="UserClock"/> asks it for the signed-in user.
/// </summary>
public interface IUserTimeZones
{
    /// <summary>The zone of <paramref name="userId"/>; the company's for null (nobody signed in) or a user without a preference.</summary>
    Task<TimeZoneInfo> Of(Guid? userId, CancellationToken ct);
}

public static class UserTimeZonesExtensions
{
    /// <summary>
    /// Today's date where <paramref name="userId"/> is (their zone, else the company's). A quote, an order or a price is
    /// dated by the day its user lives in: by UTC, a quote made in Beijing before 08:00 was dated the day before.
    /// </summary>
    public static async Task<DateOnly> Today(this IUserTimeZones zones, Guid? userId, TimeProvider clock, CancellationToken ct) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), await zones.Of(userId, ct)).DateTime);
}
