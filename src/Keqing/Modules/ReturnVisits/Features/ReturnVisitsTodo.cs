using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>The to-do centre's section "return visits due": the user's open return visits due by the end of their day, earliest first.</summary>
public sealed class ReturnVisitsTodo(KeqingDb db, ICustomerDirectory customers) : ITodoSource
{
    public string Key => "return-visits.due";
    public string Title => FieldErrors.Text("Return visits due");
    public int Order => 55;
    public string? Capability => ReturnVisitsCapabilities.Work;

    private sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var end = query.EndOfToday;
        var due = db.Set<ReturnVisit>().Where(v => v.OwnerId == query.UserId && v.Status == ReturnVisitStatus.Open && v.DueAt < end);
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await due.CountAsync(ct));
        var page = due;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(v => v.DueAt > c.DueAt || (v.DueAt == c.DueAt && v.Id.CompareTo(c.Id) > 0));
        // The customer's name in the same statement (a subquery per row shown): one round trip for the section.
        var named = customers.Unchecked();
        var rows = await page.OrderBy(v => v.DueAt).ThenBy(v => v.Id)
            .Select(v => new { v.Id, v.CustomerId, v.SourceNumber, v.DueAt,
                Customer = named.Where(cu => cu.Id == v.CustomerId).Select(cu => cu.Name).FirstOrDefault(), Count = due.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await due.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.DueAt, r.Id),
            r => new TodoItem("return-visits.visit", r.Id, FieldErrors.Text("Return visit to {0}", r.Customer ?? ""),
                r.SourceNumber, r.DueAt, r.DueAt + ReturnVisitRules.Grace <= query.Now, $"/return-visits/{r.Id}"));
    }
}
