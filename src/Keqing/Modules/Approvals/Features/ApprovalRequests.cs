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
/// The caller's approvals: their three lists, one request in full, and acting on it. A request is seen by its
/// submitter, by everyone who has (or had) a task on it, and by admins; for anyone else it does not exist (404).
/// </summary>
public sealed class ApprovalRequests(KeqingDb db, CurrentUser me, IUserDirectory users, ApprovalEngine engine)
{
    public const int MaxList = 200;
    public const int MaxReason = 500;

    public async Task<IReadOnlyList<ApprovalSummaryDto>> List(ApprovalView view, int? limit, CancellationToken ct)
    {
        var userId = me.UserId;
        var take = Math.Clamp(limit ?? 50, 1, MaxList);
        var requests = db.Set<ApprovalRequest>().AsNoTracking();
        var tasks = db.Set<ApprovalTask>().AsNoTracking();
        var query = view switch
        {
            ApprovalView.Waiting => requests.Where(r => r.Status == ApprovalStatus.Pending
                && tasks.Any(t => t.RequestId == r.Id && t.ApproverId == userId && t.Status == ApprovalTaskStatus.Pending)),
            ApprovalView.Submitted => requests.Where(r => r.SubmittedBy == userId),
            _ => requests.Where(r => tasks.Any(t => t.RequestId == r.Id && t.ApproverId == userId
                && (t.Status == ApprovalTaskStatus.Approved || t.Status == ApprovalTaskStatus.Rejected || t.Status == ApprovalTaskStatus.SentBack || t.Status == ApprovalTaskStatus.Delegated))),
        };
        var list = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct);
        var ids = list.Select(r => r.Id).ToList();
        var current = await db.Set<ApprovalStep>().AsNoTracking().Where(s => ids.Contains(s.RequestId) && s.Status == StepStatus.Pending)
            .Select(s => new { s.RequestId, s.Name }).ToListAsync(ct);
        var names = await users.Names(list.Select(r => r.SubmittedBy).Distinct(), ct);
        return list.Select(r => Summary(r, names, current.FirstOrDefault(c => c.RequestId == r.Id)?.Name)).ToList();
    }

    public Task<int> PendingCount(CancellationToken ct) => engine.PendingCount(me.UserId, ct);

    public async Task<ApprovalDetailDto> Get(Guid id, CancellationToken ct)
    {
        var request = await Visible(id, tracked: false, ct);
        var steps = await db.Set<ApprovalStep>().AsNoTracking().Where(s => s.RequestId == id).OrderBy(s => s.Order).ToListAsync(ct);
        var tasks = await db.Set<ApprovalTask>().AsNoTracking().Where(t => t.RequestId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var log = await db.Set<ApprovalAction>().AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var people = tasks.Select(t => t.ApproverId).Concat(tasks.Where(t => t.OnBehalfOf != null).Select(t => t.OnBehalfOf!.Value))
            .Concat(log.Where(a => a.UserId != null).Select(a => a.UserId!.Value)).Concat(log.Where(a => a.OtherUserId != null).Select(a => a.OtherUserId!.Value))
            .Append(request.SubmittedBy).Distinct();
        var names = await users.Names(people, ct);
        var current = steps.FirstOrDefault(s => s.Status == StepStatus.Pending);
        var userId = me.UserId;
        return new ApprovalDetailDto(Summary(request, names, current?.Name), request.DiscountPercent, ApprovalEngine.AmountOf(request),
            request.CustomerGrade, request.Reason,
            steps.Select(s => new ApprovalStepDto(s.Id, s.Order, s.Name, s.Mode, s.Status, s.Note is null ? null : FieldErrors.Text(s.Note),
                tasks.Where(t => t.StepId == s.Id).Select(t => new ApprovalTaskDto(t.Id, t.ApproverId, names.GetValueOrDefault(t.ApproverId, ""),
                    t.OnBehalfOf, t.Status, t.Comment, t.DecidedAt)).ToList())).ToList(),
            log.Select(a => new ApprovalActionDto(a.Id, a.At, a.UserId, a.UserId is { } u ? names.GetValueOrDefault(u) : null, a.Kind, a.StepName,
                a.OtherUserId, a.OtherUserId is { } o ? names.GetValueOrDefault(o) : null, a.Comment)).ToList(),
            CanAct: current is not null && tasks.Any(t => t.StepId == current.Id && t.ApproverId == userId && t.Status == ApprovalTaskStatus.Pending),
            CanWithdraw: request.Status == ApprovalStatus.Pending && request.SubmittedBy == userId);
    }

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

    private static ApprovalSummaryDto Summary(ApprovalRequest r, IReadOnlyDictionary<Guid, string> names, string? currentStep) =>
        new(r.Id, r.RecordType, r.RecordId, r.Title, r.Href, r.Status, r.SubmittedBy, names.GetValueOrDefault(r.SubmittedBy, ""), r.SubmittedAt,
            r.DecidedAt, currentStep, r.Version);
}
