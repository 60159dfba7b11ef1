using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// The visits of one day in the caller's time zone that the caller may see (a manager: their teams'; a rep: their own;
/// admin: all), optionally of one team or one person, in check-in order.
/// </summary>
public sealed class TeamDay(KeqingDb db, IRecordAccess access, IUserTimeZones zones, VisitMapping mapping, CurrentUser me, TimeProvider clock)
{
    public const int MaxVisits = 1000;

    public async Task<TeamDayDto> Handle(string? date, Guid? teamId, Guid? userId, CancellationToken ct)
    {
        var zone = await zones.Of(me.UserId, ct);
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date)) day = DateOnly.FromDateTime(UserClock.Local(clock.GetUtcNow().UtcDateTime, zone).DateTime);
        else if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", out day))
            throw new ValidationFailedException("date", FieldErrors.Text("date is a day like 2026-12-04."));
        var from = UserClock.StartOfDay(day, zone);
        var to = UserClock.StartOfDay(day.AddDays(1), zone);
        var visits = (await access.Visible(db.Set<Visit>().AsNoTracking(), ct)).Where(v => v.CheckInAt >= from && v.CheckInAt < to);
        if (teamId is { } t) visits = visits.Where(v => v.TeamId == t);
        if (userId is { } u) visits = visits.Where(v => v.OwnerId == u);
        var list = await visits.OrderBy(v => v.CheckInAt).ThenBy(v => v.Id).Take(MaxVisits).ToListAsync(ct);
        return new TeamDayDto(day, zone.Id, await mapping.Many(list, ct));
    }

    /// <summary>The caller's own open visit, if any (the check-out button).</summary>
    public async Task<VisitDto?> OpenVisit(CancellationToken ct)
    {
        var userId = me.UserId;
        var open = await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(v => v.OwnerId == userId && v.CheckOutAt == null, ct);
        return open is null ? null : await mapping.One(open, ct);
    }
}
