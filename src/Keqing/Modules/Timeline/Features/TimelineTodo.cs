using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// The to-do centre's tasks section: the user's open tasks due by the end of their day (overdue ones first, as they
/// fell due), with the customer's name when they may see the customer. Tasks raised by other modules (the 进销存
/// alerts of SellThrough, tasks about leads) are tasks like any other and are counted here once.
/// </summary>
public sealed class TasksTodo(KeqingDb db, ICustomerDirectory customers) : ITodoSource
{
    public string Key => "timeline.tasks";
    public string Title => FieldErrors.Text("Tasks due today or overdue");
    public int Order => 10;
    public string? Capability => null;

    private sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var mine = db.Set<TaskItem>().Where(t => t.AssigneeId == query.UserId && t.Status == TaskState.Open && t.DueAt < query.EndOfToday);
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await mine.CountAsync(ct));
        var page = mine;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(t => t.DueAt > c.DueAt || (t.DueAt == c.DueAt && t.Id.CompareTo(c.Id) > 0));
        var visible = await customers.Visible(ct);
        // The name as a subquery per row shown (looked up by id in each branch of the visible customers), not a join
        // with all the customers the user may see, which the database would read whole for every call.
        var rows = await page.OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.DueAt, t.CustomerId,
                Customer = visible.Where(cu => t.CustomerId == cu.Id).Select(cu => cu.Name).FirstOrDefault(), Count = mine.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await mine.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.DueAt, r.Id), r => new TodoItem("timeline.task", r.Id, r.Title, r.Customer,
            r.DueAt, r.DueAt < query.Now, r.CustomerId is { } customerId ? $"/customers/{customerId}/timeline" : "/me/day"));
    }
}

/// <summary>
/// The to-do centre's promises section: the commitments the user must keep (made by them, or handed over to them) that
/// are open and due by the end of their day, overdue ones first.
/// </summary>
public sealed class CommitmentsTodo(KeqingDb db, ICustomerDirectory customers) : ITodoSource
{
    public string Key => "timeline.commitments";
    public string Title => FieldErrors.Text("Promises due");
    public int Order => 20;
    public string? Capability => null;

    private sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var mine = db.Set<Commitment>().Where(x => x.OwnerId == query.UserId && x.Status == CommitmentStatus.Open && x.DueAt < query.EndOfToday);
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await mine.CountAsync(ct));
        var page = mine;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(x => x.DueAt > c.DueAt || (x.DueAt == c.DueAt && x.Id.CompareTo(c.Id) > 0));
        var visible = await customers.Visible(ct);
        // The name per row shown, as for tasks.
        var rows = await page.OrderBy(x => x.DueAt).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.What, x.DueAt, x.CustomerId,
                Customer = visible.Where(cu => cu.Id == x.CustomerId).Select(cu => cu.Name).FirstOrDefault(), Count = mine.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await mine.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.DueAt, r.Id), r => new TodoItem("timeline.commitment", r.Id, r.What, r.Customer,
            r.DueAt, r.DueAt < query.Now, $"/customers/{r.CustomerId}/timeline"));
    }
}
