using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Keeps the service report's cells (<see cref="ServiceReportCell"/>) equal to what the cases say (ADR 0100). A change
/// leaves marks (<see cref="ServiceReportMarking"/>); <see cref="Refresh"/>, run by the report before it reads and by
/// <see cref="Jobs.ServiceReportRefreshJob"/>, recomputes from the cases the cells of each marked owner's day and removes
/// the marks it took. With no cells yet (the data before this table existed) or cells in another time zone than the
/// company calendar's, it rebuilds them all from the cases (<see cref="Rebuild"/>). One refresh at a time: a PostgreSQL
/// advisory lock (SQLite's write lock does it there), so two never write the same cells from different snapshots.
/// </summary>
public sealed class ServiceReportSummary(KeqingDb db, ICompanyCalendar calendar, TimeProvider clock)
{
    private const string LockKey = "service.report-cells";

    /// <summary>Brings the cells up to date; one cheap look when nothing changed since the last refresh.</summary>
    public async Task Refresh(CancellationToken ct)
    {
        var zone = (await calendar.Current(ct)).Zone;
        var builtIn = await db.Set<ServiceReportState>().AsNoTracking().Select(s => s.Zone).FirstOrDefaultAsync(ct);
        if (builtIn == zone.Id && !await db.Set<ServiceReportMark>().AnyAsync(ct)) return;
        await Locked(async () =>
        {
            var state = await db.Set<ServiceReportState>().FirstOrDefaultAsync(ct);
            if (state is null || state.Zone != zone.Id) await RebuildAll(zone, state, ct);
            else await TakeMarks(zone, ct);
        }, ct);
    }

    /// <summary>Recomputes every cell from the cases (the calendar's zone changed, or to check the kept cells); returns how many there are.</summary>
    public async Task<int> Rebuild(CancellationToken ct)
    {
        var zone = (await calendar.Current(ct)).Zone;
        var cells = 0;
        await Locked(async () => cells = await RebuildAll(zone, await db.Set<ServiceReportState>().FirstOrDefaultAsync(ct), ct), ct);
        return cells;
    }

    private async Task Locked(Func<Task> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AdvisoryLocks.Take(db, [LockKey], ct);
            await work();
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>
    /// Marks are read before the cases: whatever committed a mark has committed its change, so the statements after
    /// (each with a newer snapshot) see it. A change committed meanwhile leaves its own mark for the next refresh.
    /// </summary>
    private async Task TakeMarks(TimeZoneInfo zone, CancellationToken ct)
    {
        var marks = await db.Set<ServiceReportMark>().AsNoTracking().ToListAsync(ct);
        foreach (var day in marks.GroupBy(m => DayOf(m.CreatedAt, zone)))
        {
            var owners = day.Select(m => m.OwnerId).Distinct().ToList();
            var (start, end) = Range(day.Key, zone);
            var cells = await Compute(db.Set<ServiceCase>().AsNoTracking()
                .Where(c => c.CreatedAt >= start && c.CreatedAt < end && owners.Contains(c.OwnerId)), zone, ct);
            var dayKey = day.Key;
            await db.Set<ServiceReportCell>().Where(c => c.Day == dayKey && owners.Contains(c.OwnerId)).ExecuteDeleteAsync(ct);
            await BulkInsert.Rows(db, cells, ct);
        }
        foreach (var ids in marks.Select(m => m.Id).Chunk(1000))
            await db.Set<ServiceReportMark>().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
    }

    private async Task<int> RebuildAll(TimeZoneInfo zone, ServiceReportState? state, CancellationToken ct)
    {
        // The marks go first: a change committed after this statement keeps its mark, and the next refresh redoes its day.
        await db.Set<ServiceReportMark>().ExecuteDeleteAsync(ct);
        await db.Set<ServiceReportCell>().ExecuteDeleteAsync(ct);
        var cells = await Compute(db.Set<ServiceCase>().AsNoTracking(), zone, ct);
        await BulkInsert.Rows(db, cells, ct);
        if (state is null) db.Add(state = new ServiceReportState());
        (state.Zone, state.BuiltAt) = (zone.Id, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return cells.Count;
    }

    /// <summary>
    /// The cells of <paramref name="cases"/> (merged ones left out), read row by row and added up here: the local day of
    /// each case needs the zone's rules, which SQL on both providers cannot apply alike.
    /// </summary>
    private async Task<List<ServiceReportCell>> Compute(IQueryable<ServiceCase> cases, TimeZoneInfo zone, CancellationToken ct)
    {
        cases = cases.Where(c => c.MergedIntoId == null);
        var cells = new Dictionary<(int, Guid, Guid, Guid), ServiceReportCell>();
        ServiceReportCell CellOf(Guid ownerId, Guid? teamId, Guid? categoryId, DateTime createdAt)
        {
            var key = (DayOf(createdAt, zone), ownerId, teamId ?? Guid.Empty, categoryId ?? Guid.Empty);
            if (!cells.TryGetValue(key, out var cell))
                cells[key] = cell = new ServiceReportCell { Day = key.Item1, OwnerId = key.ownerId, TeamId = key.Item3, CategoryId = key.Item4 };
            return cell;
        }

        var caseRows =
            from c in cases
            join m in db.Set<CaseMeasure>().AsNoTracking() on c.Id equals m.CaseId into measures
            from m in measures.DefaultIfEmpty()
            select new
            {
                c.OwnerId, c.TeamId, c.CategoryId, c.CreatedAt, Resolved = c.ResolvedAt != null,
                FirstResponseMinutes = m == null ? null : m.FirstResponseMinutes,
                ResolutionMinutes = m == null ? null : m.ResolutionMinutes,
                Breached = m != null && m.Breached, Reopened = m != null && m.Reopens > 0,
            };
        await foreach (var r in caseRows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var cell = CellOf(r.OwnerId, r.TeamId, r.CategoryId, r.CreatedAt);
            cell.Cases++;
            if (r.Resolved) cell.Resolved++;
            if (r.Resolved || r.Reopened) cell.EverResolved++;
            if (r.FirstResponseMinutes is { } first) (cell.FirstResponseSum, cell.FirstResponseCount) = (cell.FirstResponseSum + first, cell.FirstResponseCount + 1);
            if (r.Resolved && r.ResolutionMinutes is { } resolution) (cell.ResolutionSum, cell.ResolutionCount) = (cell.ResolutionSum + resolution, cell.ResolutionCount + 1);
            if (r.Breached) cell.Breached++;
            if (r.Reopened) cell.Reopened++;
        }

        var surveyRows =
            from s in db.Set<CaseSurvey>().AsNoTracking()
            where s.AnsweredAt != null
            join c in cases on s.CaseId equals c.Id
            select new { c.OwnerId, c.TeamId, c.CategoryId, c.CreatedAt, s.Csat, s.Nps };
        await foreach (var r in surveyRows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var cell = CellOf(r.OwnerId, r.TeamId, r.CategoryId, r.CreatedAt);
            cell.Answers++;
            if (r.Csat is { } csat) (cell.CsatSum, cell.CsatCount) = (cell.CsatSum + csat, cell.CsatCount + 1);
            if (r.Nps is { } nps)
            {
                cell.NpsCount++;
                if (nps >= 9) cell.Promoters++;
                if (nps <= 6) cell.Detractors++;
            }
        }
        return cells.Values.ToList();
    }

    /// <summary>The local day of an instant as yyyyMMdd.</summary>
    public static int DayOf(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return DayNumber(DateOnly.FromDateTime(local));
    }

    public static int DayNumber(DateOnly day) => day.Year * 10000 + day.Month * 100 + day.Day;

    private static (DateTime Start, DateTime End) Range(int day, TimeZoneInfo zone)
    {
        var date = new DateOnly(day / 10000, day / 100 % 100, day % 100);
        return (Midnight(date, zone), Midnight(date.AddDays(1), zone));
    }

    private static DateTime Midnight(DateOnly day, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
}
