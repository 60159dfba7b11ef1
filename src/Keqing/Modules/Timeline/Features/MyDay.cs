using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// "My day" (DOMAIN T3, C8): the caller's open tasks due today or overdue, their open commitments due today or
/// overdue, and their customers due for contact by the cadence of their grade (never contacted counts as due).
/// "Today" is the company's calendar day (settings' time zone).
/// </summary>
public sealed class MyDay(KeqingDb db, CustomerDirectory customers, TimelineSettingsStore settings, CurrentUser currentUser, TimeProvider clock)
{
    public const int MaxItems = 100;
    public const int MaxDueCustomers = 50;

    public async Task<MyDayDto> Handle(CancellationToken ct)
    {
        var me = currentUser.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await settings.Current(ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, rules.Zone));
        var endOfToday = ContactBoundaries.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), rules.Zone);

        var tasks = await db.Set<TaskItem>().AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskState.Open && t.DueAt < endOfToday)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(MaxItems).ToListAsync(ct);
        var commitments = await db.Set<Commitment>().AsNoTracking()
            .Where(c => c.OwnerId == me && c.Status == CommitmentStatus.Open && c.DueAt < endOfToday)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(MaxItems).ToListAsync(ct);
        var (due, dueCount) = await CustomersDue(me, rules, now, ct);
        var unread = await db.Set<Alert>().CountAsync(a => a.RecipientId == me && a.ReadAt == null, ct);
        return new MyDayDto(today, tasks.Select(t => t.ToDto(now)).ToList(), commitments.Select(c => c.ToDto(now)).ToList(),
            due, dueCount, unread);
    }

    /// <summary>Never contacted first (the same on both providers, which sort nulls differently), then longest since the last contact.</summary>
    private async Task<(IReadOnlyList<DueCustomerDto>, int)> CustomersDue(Guid me, TimelineSettings rules, DateTime now, CancellationToken ct)
    {
        var (hasA, cutA) = Cut(rules.CadenceA, now);
        var (hasB, cutB) = Cut(rules.CadenceB, now);
        var (hasC, cutC) = Cut(rules.CadenceC, now);
        var (hasD, cutD) = Cut(rules.CadenceD, now);
        var interactions = db.Set<Interaction>();
        var due = customers.OwnedBy(me)
            .Where(c => c.Grade != null)
            .Select(c => new { c.Id, c.Name, c.Grade, Last = interactions.Where(i => i.CustomerId == c.Id).Max(i => (DateTime?)i.OccurredAt) })
            .Where(x => (hasA && x.Grade == CustomerGrade.A && (x.Last == null || x.Last <= cutA))
                        || (hasB && x.Grade == CustomerGrade.B && (x.Last == null || x.Last <= cutB))
                        || (hasC && x.Grade == CustomerGrade.C && (x.Last == null || x.Last <= cutC))
                        || (hasD && x.Grade == CustomerGrade.D && (x.Last == null || x.Last <= cutD)));
        var rows = await due.OrderBy(x => x.Last != null).ThenBy(x => x.Last).ThenBy(x => x.Id).Take(MaxDueCustomers).ToListAsync(ct);
        var count = rows.Count < MaxDueCustomers ? rows.Count : await due.CountAsync(ct);
        var items = rows.Select(x =>
        {
            var days = rules.CadenceFor(x.Grade!.Value)!.Value;
            return new DueCustomerDto(x.Id, x.Name, x.Grade.Value, days, x.Last, x.Last?.AddDays(days));
        }).ToList();
        return (items, count);
    }

    private static (bool, DateTime) Cut(int? days, DateTime now) =>
        days is { } d ? (true, Cadence.DueCutoff(d, now)) : (false, DateTime.MinValue);
}
