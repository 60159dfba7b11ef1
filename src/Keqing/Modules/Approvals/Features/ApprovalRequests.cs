using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>Which of the caller's lists: waiting for me, submitted by me, decided by me.</summary>
public enum ApprovalView { Waiting, Submitted, Decided }

/// <summary>
/// The list's filters, in one of two forms. <see cref="View"/> (waiting, submitted, decided: the approvals page's
/// tabs); or the form, <see cref="Mine"/> and <see cref="Status"/>: mine=true is the requests the caller
/// submitted or is (or was) an approver of, except that mine=true&amp;status=pending is those waiting for the caller's
/// decision now (the to-do list); mine=false is every request the caller may see (admins: all). Neither: waiting.
/// </summary>
public sealed record ApprovalListQuery(ApprovalView? View = null, bool? Mine = null, ApprovalStatus? Status = null);

/// <summary>
/// The caller's approvals: their lists, one request in full, and acting on it. A request is seen by its
/// submitter, by everyone who has (or had) a task on it, and by admins; for anyone else it does not exist (404).
/// </summary>
public sealed class ApprovalRequests(KeqingDb db, CurrentUser me, IUserDirectory users, ApprovalEngine engine)
{
    public const int MaxReason = 500;

    private sealed record Cursor(DateTime SubmittedAt, Guid Id);

    /// <summary>The caller's requests by <paramref name="q"/>, newest first, keyset-paged.</summary>
    public async Task<Page<ApprovalSummaryDto>> List(ApprovalListQuery q, int? limit, string? after, CancellationToken ct)
    {
        if (q.View is not null && (q.Mine is not null || q.Status is not null))
            throw new ValidationFailedException("view", FieldErrors.Text("Use either view, or mine and status."));
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        var userId = me.UserId;
        var requests = db.Set<ApprovalRequest>().AsNoTracking();
        var tasks = db.Set<ApprovalTask>().AsNoTracking();
        var waiting = requests.Where(r => r.Status == ApprovalStatus.Pending
            && tasks.Any(t => t.RequestId == r.Id && t.ApproverId == userId && t.Status == ApprovalTaskStatus.Pending));
        var involved = requests.Where(r => r.SubmittedBy == userId
            || tasks.Any(t => t.RequestId == r.Id && (t.ApproverId == userId || t.OnBehalfOf == userId)));
        IQueryable<ApprovalRequest> query;
        if (q.View is { } view || (q.Mine is null && q.Status is null))
        {
            query = (q.View ?? ApprovalView.Waiting) switch
            {
                ApprovalView.Waiting => waiting,
                ApprovalView.Submitted => requests.Where(r => r.SubmittedBy == userId),
                _ => requests.Where(r => tasks.Any(t => t.RequestId == r.Id && t.ApproverId == userId
                    && (t.Status == ApprovalTaskStatus.Approved || t.Status == ApprovalTaskStatus.Rejected || t.Status == ApprovalTaskStatus.SentBack || t.Status == ApprovalTaskStatus.Delegated))),
            };
        }
        else if (q.Mine != false && q.Status == ApprovalStatus.Pending) query = waiting;
        else
        {
            query = q.Mine == false && me.IsInRole(Roles.Admin) ? requests : involved;
            if (q.Status is { } status) query = query.Where(r => r.Status == status);
        }
        if (cursor is { } c)
            query = query.Where(r => r.SubmittedAt < c.SubmittedAt || (r.SubmittedAt == c.SubmittedAt && r.Id.CompareTo(c.Id) < 0));
        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, r => new Cursor(r.SubmittedAt, r.Id));
        var ids = page.Items.Select(r => r.Id).ToList();
        var current = await db.Set<ApprovalStep>().AsNoTracking().Where(s => ids.Contains(s.RequestId) && s.Status == StepStatus.Pending)
            .Select(s => new { s.RequestId, s.Name }).ToListAsync(ct);
        var names = await users.Names(page.Items.Select(r => r.SubmittedBy).Distinct(), ct);
        return new Page<ApprovalSummaryDto>(
            page.Items.Select(r => ApprovalEngine.Summary(r, names, current.FirstOrDefault(x => x.RequestId == r.Id)?.Name)).ToList(), page.Next);
    }

    public Task<int> PendingCount(CancellationToken ct) => engine.PendingCount(me.UserId, ct);

    public async Task<ApprovalDetailDto> Get(Guid id, CancellationToken ct) =>
        await engine.Detail(await Visible(id, tracked: false, ct), me.UserId, ct);

    public async Task Approve(Guid id, ApprovalActionInput? input, CancellationToken ct)
    {
        var request = await Visible(id, tracked: true, ct);
        await engine.Approve(request, me.UserId, Comment(input?.Reason, required: false), ct);
    }

    public async Task Reject(Guid id, ApprovalActionInput? input, bool sendBack, CancellationToken ct)
    {
        var request = await Visible(id, tracked: true, ct);
        await engine.Decline(request, me.UserId, Comment(input?.Reason, required: true)!, sendBack, ct);
    }

    public async Task AddSigner(Guid id, ApprovalActionInput? input, CancellationToken ct)
    {
        var request = await Visible(id, tracked: true, ct);
        await engine.AddSigner(request, me.UserId, RequiredUser(input), ct);
    }

    public async Task Delegate(Guid id, ApprovalActionInput? input, CancellationToken ct)
    {
        var request = await Visible(id, tracked: true, ct);
        var to = RequiredUser(input);
        await engine.Delegate(request, me.UserId, to, Comment(input?.Reason, required: false), ct);
    }

    public async Task Withdraw(Guid id, CancellationToken ct)
    {
        var request = await Visible(id, tracked: true, ct);
        if (request.Status != ApprovalStatus.Pending) throw new ConflictException(FieldErrors.Text("This request has already been decided."));
        await engine.Withdraw(request, me.UserId, ct);
    }

    private static string? Comment(string? reason, bool required)
    {
        var errors = new FieldErrors();
        if (required) errors.Required("reason", reason);
        errors.MaxLength("reason", reason?.Trim(), MaxReason).ThrowIfAny();
        return string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    private static Guid RequiredUser(ApprovalActionInput? input)
    {
        if (input?.UserId is { } id && id != Guid.Empty) return id;
        throw new ValidationFailedException(new Dictionary<string, string[]> { ["userId"] = [FieldErrors.Text("Required.")] });
    }

    private async Task<ApprovalRequest> Visible(Guid id, bool tracked, CancellationToken ct)
    {
        var userId = me.UserId;
        var requests = tracked ? db.Set<ApprovalRequest>() : db.Set<ApprovalRequest>().AsNoTracking();
        var query = requests.Where(r => r.Id == id);
        if (!me.IsInRole(Roles.Admin))
            query = query.Where(r => r.SubmittedBy == userId
                || db.Set<ApprovalTask>().Any(t => t.RequestId == r.Id && (t.ApproverId == userId || t.OnBehalfOf == userId)));
        return await query.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("approval request");
    }
}
