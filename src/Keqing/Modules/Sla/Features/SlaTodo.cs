using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Sla.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Sla.Features;

/// <summary>
/// The to-do centre's SLA section: the user's own records (service cases) whose clock still runs and is past a warning
/// point or breached, soonest due first (breached ones, due in the past, lead; a breached clock paused while waiting on
/// the customer, with no due instant, comes last). Read from the clocks alone: their owner follows the record's
/// assignment, and a stopped clock (a resolved or closed case) is not listed.
/// </summary>
public sealed class SlaTodo(KeqingDb db) : ITodoSource
{
    /// <summary>Sorts after every real due instant (a paused breached clock has none).</summary>
    private static readonly DateTime NoDue = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public string Key => "sla.at-risk";
    public string Title => FieldErrors.Text("Cases near or past their SLA");
    public int Order => 35;
    public string? Capability => Contracts.SlaCapabilities.WorkRecords;

    private sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var now = RecordClock.Stored(new DateTimeOffset(DateTime.SpecifyKind(query.Now, DateTimeKind.Utc)));
        var atRisk = db.Set<RecordClock>().AsNoTracking().Where(c => c.OwnerId == query.UserId && c.StoppedAt == null
            && (c.FirstResponseBreachedAt != null || c.ResolutionBreachedAt != null
                || c.FirstResponseWarnAt <= now || c.ResolutionWarnAt <= now || c.FirstResponseDueAt <= now || c.ResolutionDueAt <= now));
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await atRisk.CountAsync(ct));
        var rows = atRisk.Select(c => new
        {
            c.Id, c.RecordType, c.RecordId, c.Title, c.Link,
            Breached = c.FirstResponseBreachedAt != null || c.ResolutionBreachedAt != null || c.FirstResponseDueAt <= now || c.ResolutionDueAt <= now,
            DueAt = c.FirstResponseDueAt != null && (c.ResolutionDueAt == null || c.FirstResponseDueAt < c.ResolutionDueAt)
                ? c.FirstResponseDueAt.Value : c.ResolutionDueAt ?? NoDue,
        });
        if (Paging.Decode<Cursor>(query.After) is { } after)
            rows = rows.Where(r => r.DueAt > after.DueAt || (r.DueAt == after.DueAt && r.Id.CompareTo(after.Id) > 0));
        var page = await rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.RecordType, r.RecordId, r.Title, r.Link, r.Breached, r.DueAt, Count = atRisk.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = page.Count > 0 ? page[0].Count : query.After is null ? 0 : await atRisk.CountAsync(ct);
        return TodoSectionPage.Of(page, count, query.Limit, r => new Cursor(r.DueAt, r.Id),
            r => new TodoItem(r.RecordType, r.RecordId, r.Title ?? r.RecordType,
                r.Breached ? FieldErrors.Text("SLA breached") : FieldErrors.Text("Near its SLA"),
                r.DueAt == NoDue ? null : r.DueAt, r.Breached, r.Link ?? "/"));
    }
}
