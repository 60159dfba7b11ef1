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
