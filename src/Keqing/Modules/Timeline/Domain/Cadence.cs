namespace Keqing.Modules.Timeline.Domain;

/// <summary>Contact cadence (DOMAIN T3), pure: when a customer is next due for contact and whether it is due now.</summary>
public static class Cadence
{
    /// <summary>The instant the next contact is due: the last contact plus the cadence; never contacted means due already.</summary>
    public static DateTime? NextDue(DateTime? lastContact, int? cadenceDays) =>
        cadenceDays is not { } days ? null
        : lastContact is { } last ? last.AddDays(days)
        : DateTime.MinValue;

    /// <summary>Whether the customer is due for contact at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTime? lastContact, int? cadenceDays, DateTime now) =>
        NextDue(lastContact, cadenceDays) is { } due && due <= now;

    /// <summary>The latest last-contact instant that makes a customer due at <paramref name="now"/> (used as a SQL cut-off).</summary>
    public static DateTime DueCutoff(int cadenceDays, DateTime now) => now.AddDays(-cadenceDays);
}
