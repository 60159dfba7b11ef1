using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>A user's time zone: the one they chose in their preferences, else the company calendar's.</summary>
public sealed class UserTimeZones(KeqingDb db, ICompanyCalendar calendar) : IUserTimeZones
{
    public async Task<TimeZoneInfo> Of(Guid? userId, CancellationToken ct)
    {
        if (userId is { } id
            && await db.Set<NotificationSettings>().AsNoTracking().Where(s => s.UserId == id).Select(s => s.TimeZone).FirstOrDefaultAsync(ct) is { } chosen
            && TimeZoneInfo.TryFindSystemTimeZoneById(chosen, out var zone))
            return zone;
        return await Company(ct);
    }

    /// <summary>The company's zone (the business-hours calendar's).</summary>
    public async Task<TimeZoneInfo> Company(CancellationToken ct) => (await calendar.Current(ct)).Zone;
}
