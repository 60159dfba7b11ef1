using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The to-do centre's leads section: the user's open leads nobody has answered yet whose respond-by time (the response
/// clock, in business hours) has passed, longest overdue first.
/// </summary>
public sealed class LeadsTodo(KeqingDb db) : ITodoSource
{
    public string Key => "leads.overdue";
    public string Title => FieldErrors.Text("Leads past their respond-by time");
    public int Order => 40;
    public string? Capability => LeadsCapabilities.Work;

    private sealed record Cursor(DateTime RespondBy, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var now = query.Now;
        var late = db.Set<Lead>().Where(l => l.OwnerId == query.UserId && l.ArchivedAt == null
            && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified)
            && l.FirstRespondedAt == null && l.RespondBy != null && l.RespondBy < now);
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await late.CountAsync(ct));
        var page = late;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(l => l.RespondBy > c.RespondBy || (l.RespondBy == c.RespondBy && l.Id.CompareTo(c.Id) > 0));
        var rows = await page.OrderBy(l => l.RespondBy).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Name, l.Company, RespondBy = l.RespondBy!.Value, Count = late.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await late.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.RespondBy, r.Id),
            r => new TodoItem("leads.lead", r.Id, r.Name, r.Company, r.RespondBy, true, $"/leads/{r.Id}"));
    }
}
