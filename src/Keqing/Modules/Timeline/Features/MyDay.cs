using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// "My day" (DOMAIN T3, C8): the caller's open tasks due today or overdue (and those of the next seven days), their open commitments due today or
/// overdue, and their customers due for contact by the cadence of their grade (never contacted counts as due), paged.
/// "Today" is the caller's calendar day in their own time zone, as every time they see and the task dialog's "today".
/// </summary>
public sealed class MyDay(KeqingDb db, ICustomerDirectory customers, TimelineSettingsStore settings, IUserTimeZones zones, CurrentUser currentUser,
    TimeProvider clock)
{
    public const int MaxItems = 100;
    /// <summary>Customers due per page (My Day's list and <c>GET /api/me/day/customers</c>).</summary>
    public const int DuePageSize = 20;

    public async Task<MyDayDto> Handle(CancellationToken ct)
    {
        var me = currentUser.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await zones.Of(me, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var endOfToday = UserClock.StartOfDay(today.AddDays(1), zone);

        var tasks = await db.Set<TaskItem>().AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskState.Open && t.DueAt < endOfToday)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(MaxItems).ToListAsync(ct);
        var commitments = await db.Set<Commitment>().AsNoTracking()
            .Where(c => c.OwnerId == me && c.Status == CommitmentStatus.Open && c.DueAt < endOfToday)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(MaxItems).ToListAsync(ct);
        var endOfWeek = UserClock.StartOfDay(today.AddDays(8), zone);
        var upcoming = await db.Set<TaskItem>().AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskState.Open && t.DueAt >= endOfToday && t.DueAt < endOfWeek)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(MaxItems).ToListAsync(ct);
        var due = await CustomersDue(0, DuePageSize, ct);
        var unread = await db.Set<Alert>().CountAsync(a => a.RecipientId == me && a.ReadAt == null, ct);
        return new MyDayDto(today, tasks.Select(t => t.ToDto(now)).ToList(), commitments.Select(c => c.ToDto(now)).ToList(),
            due.Items, due.Total, unread, upcoming.Select(t => t.ToDto(now)).ToList());
    }

    /// <summary>
    /// One page of the caller's customers due for contact, overdue longest first: never contacted first (by grade, then
    /// name), then by the day contact fell due. A customer is due when no interaction is newer than its grade's
    /// cut-off: one index probe per customer (an anti-join on (CustomerId, OccurredAt)), and one more for the last
    /// contact of each due customer, not a MAX over the whole history.
    /// </summary>
    public async Task<DueCustomersPage> CustomersDue(int? offset, int? limit, CancellationToken ct)
    {
        var skip = Math.Max(offset ?? 0, 0);
        var take = Math.Clamp(limit ?? DuePageSize, 1, MaxItems);
        var me = currentUser.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await settings.Current(ct);
        var (hasA, cutA) = Cut(rules.CadenceA, now);
        var (hasB, cutB) = Cut(rules.CadenceB, now);
        var (hasC, cutC) = Cut(rules.CadenceC, now);
        var (hasD, cutD) = Cut(rules.CadenceD, now);
        var interactions = db.Set<Interaction>();
        var due = customers.OwnedBy(me)
            .Where(c => (hasA && c.Grade == CustomerGrade.A) || (hasB && c.Grade == CustomerGrade.B)
                        || (hasC && c.Grade == CustomerGrade.C) || (hasD && c.Grade == CustomerGrade.D))
            .Where(c => !interactions.Any(i => i.CustomerId == c.Id && i.OccurredAt > (c.Grade == CustomerGrade.A ? cutA
                : c.Grade == CustomerGrade.B ? cutB : c.Grade == CustomerGrade.C ? cutC : cutD)));
        // One pass finds every due customer (a few thousand small rows at most) with its last contact; the order needs
        // the cadence of each grade, so it is sorted here. PostgreSQL's default costs run this few-millisecond anti-join
        // on parallel workers whose start-up costs more than the query (bench/TIMELINE.md): not here.
        await using var tx = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
        if (tx is not null) await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", ct);
        var all = await due.Select(c => new
        {
            c.Id, c.Name, c.Grade,
            Last = interactions.Where(i => i.CustomerId == c.Id).Max(i => (DateTime?)i.OccurredAt),
        }).ToListAsync(ct);
        var rows = all.Select(x =>
            {
                var days = rules.CadenceFor(x.Grade!.Value)!.Value;
                return new DueCustomerDto(x.Id, x.Name, x.Grade.Value, days, x.Last, x.Last?.AddDays(days));
            })
            .OrderBy(d => d.DueSince is not null).ThenBy(d => d.DueSince).ThenBy(d => d.Grade)
            .ThenBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.CustomerId)
            .Skip(skip).Take(take).ToList();
        var phones = await customers.PhonesOf(rows.Select(r => r.CustomerId).ToList(), ct);
        return new DueCustomersPage(rows.Select(r => r with { Phone = phones.GetValueOrDefault(r.CustomerId) }).ToList(), all.Count, skip);
    }

    private static (bool, DateTime) Cut(int? days, DateTime now) =>
        days is { } d ? (true, Cadence.DueCutoff(d, now)) : (false, DateTime.MinValue);
}
