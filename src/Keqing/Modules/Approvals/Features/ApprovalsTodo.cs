using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// The to-do centre's approvals section: the requests waiting for the user's decision now (as
/// <c>GET /api/approvals?mine=true&amp;status=pending</c> and <see cref="IApprovals.PendingCount"/>), longest waiting first.
/// An approval has no due time: none is overdue.
/// </summary>
public sealed class ApprovalsTodo(KeqingDb db) : ITodoSource
{
    public string Key => "approvals.waiting";
    public string Title => FieldErrors.Text("Approvals waiting for me");
    public int Order => 30;
    public string? Capability => ApprovalsCapabilities.Act;

    private sealed record Cursor(DateTime SubmittedAt, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var tasks = db.Set<ApprovalTask>();
        var waiting = db.Set<ApprovalRequest>().Where(r => r.Status == ApprovalStatus.Pending
            && tasks.Any(t => t.RequestId == r.Id && t.ApproverId == query.UserId && t.Status == ApprovalTaskStatus.Pending));
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await waiting.CountAsync(ct));
        var page = waiting;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(r => r.SubmittedAt > c.SubmittedAt || (r.SubmittedAt == c.SubmittedAt && r.Id.CompareTo(c.Id) > 0));
        var rows = await page.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, r.SubmittedAt, Count = waiting.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await waiting.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.SubmittedAt, r.Id),
            r => new TodoItem("approvals.request", r.Id, r.Title, null, null, false, $"/approvals/{r.Id}"));
    }
}
