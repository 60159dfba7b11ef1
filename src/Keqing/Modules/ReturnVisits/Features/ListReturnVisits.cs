using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// The return visits one may see (a rep: their own; a manager: their teams'; admin: all), or only one's own with
/// scope=mine, by state: due (open and past its due time, overdue included), overdue, upcoming, open, done, cancelled;
/// earliest due first, a page at a time.
/// </summary>
public sealed class ListReturnVisits(KeqingDb db, IRecordAccess access, ReturnVisitMapping mapping, CurrentUser me, TimeProvider clock)
{
    private sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<Page<ReturnVisitSummaryDto>> Handle(string? scope, string? state, Guid? customerId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var mine = scope?.Trim().ToLowerInvariant() switch
        {
            null or "" or "team" => false,
            "mine" => true,
            _ => throw new ValidationFailedException("scope", FieldErrors.Text("scope is mine or team.")),
        };
        var open = string.Equals(state?.Trim(), "open", StringComparison.OrdinalIgnoreCase);
        var wanted = open ? null : QueryValues.Enum<ReturnVisitState>(state, "state");
        var now = clock.GetUtcNow().UtcDateTime;
        var overdueBefore = now - ReturnVisitRules.Grace;
        var visits = await access.Visible(db.Set<ReturnVisit>().AsNoTracking(), ct);
        if (mine) { var userId = me.UserId; visits = visits.Where(v => v.OwnerId == userId); }
        if (customerId is { } c) visits = visits.Where(v => v.CustomerId == c);
        if (open) visits = visits.Where(v => v.Status == ReturnVisitStatus.Open);
        visits = wanted switch
        {
            ReturnVisitState.Due => visits.Where(v => v.Status == ReturnVisitStatus.Open && v.DueAt <= now),
            ReturnVisitState.Overdue => visits.Where(v => v.Status == ReturnVisitStatus.Open && v.DueAt <= overdueBefore),
            ReturnVisitState.Upcoming => visits.Where(v => v.Status == ReturnVisitStatus.Open && v.DueAt > now),
            ReturnVisitState.Done => visits.Where(v => v.Status == ReturnVisitStatus.Done),
            ReturnVisitState.Cancelled => visits.Where(v => v.Status == ReturnVisitStatus.Cancelled),
            _ => visits,
        };
        if (Paging.Decode<Cursor>(after) is { } k)
            visits = visits.Where(v => v.DueAt > k.DueAt || (v.DueAt == k.DueAt && v.Id.CompareTo(k.Id) > 0));
        var rows = await visits.OrderBy(v => v.DueAt).ThenBy(v => v.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, v => new Cursor(v.DueAt, v.Id));
        return new Page<ReturnVisitSummaryDto>(await mapping.Many(page.Items, ct), page.Next);
    }
}
