using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// The approval engine (DOMAIN C6): a submitted record takes the first matching flow of its record type; its steps are
/// copied onto the request with their approvers found at once (manager chain, role, named users; never the
/// submitter; the flow's fallback when nobody is left); the steps then run in order, each waiting for one or all of
/// its approvers. Every change is one unit of work with the owning module's outcome handler, the notifications, the
/// history and the customer's timeline; the request's version makes two approvers deciding at once a 409 for one.
/// </summary>
public sealed class ApprovalEngine(
    KeqingDb db, TimeProvider time, IUserDirectory users, INotifier notifier, ITimelinePublisher timeline,
    IEnumerable<IApprovalOutcomeHandler> handlers) : IApprovals
{
    public const string Module = "approvals";
    private readonly Dictionary<Guid, UserSummary?> known = [];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ApprovalState> Submit(ApprovalSubmission submission, CancellationToken ct)
    {
        if (await db.Set<ApprovalRequest>().AnyAsync(r => r.RecordType == submission.RecordType && r.RecordId == submission.RecordId
                                                          && r.Status == ApprovalStatus.Pending, ct))
            throw new InvalidOperationException($"{submission.RecordType} {submission.RecordId} is already waiting for approval.");
        var flows = await db.Set<ApprovalFlow>().AsNoTracking().Where(f => f.RecordType == submission.RecordType && f.Active)
            .OrderBy(f => f.Priority).ThenBy(f => f.Id).ToListAsync(ct);
        var (flow, limitStep) = FlowRules.Route(flows, submission.Facts);
        var facts = submission.Facts;
        var request = new ApprovalRequest
        {
            FlowId = flow?.Id, RecordType = submission.RecordType, RecordId = submission.RecordId, SubmittedBy = submission.SubmittedBy,
            Title = Cut(submission.Title, 200), Href = Cut(submission.Href, 300), DiscountPercent = facts.DiscountPercent,
            DiscountLimitPercent = facts.DiscountLimitPercent, AmountMinor = facts.Amount?.MinorUnits, AmountCurrency = facts.Amount?.Currency,
            CustomerGrade = facts.CustomerGrade, CustomerId = facts.CustomerId, Status = ApprovalStatus.Pending, SubmittedAt = Now,
        };
        db.Add(request);
        await Log(request, submission.SubmittedBy, ActionKind.Submitted, null, null, null, ct);
        var steps = new List<ApprovalStep>();
        var tasks = new List<ApprovalTask>();
        List<ApprovalFlowStep> definitions = flow is not null
            ? await db.Set<ApprovalFlowStep>().AsNoTracking().Where(s => s.FlowId == flow.Id).OrderBy(s => s.Order).ToListAsync(ct)
            : limitStep ? [LimitStep()] : [];
        foreach (var definition in definitions)
        {
            var (approvers, note) = await Approvers(definition, submission.SubmittedBy, ct);
            var step = new ApprovalStep
            {
                RequestId = request.Id, Order = steps.Count, Name = definition.Name, Mode = definition.Mode,
                Note = note ?? (limitStep ? LimitStepNote : null),
                Status = approvers.Count == 0 ? StepStatus.AutoApproved : StepStatus.Waiting,
            };
            steps.Add(step);
            tasks.AddRange(approvers.Select(a => new ApprovalTask { RequestId = request.Id, StepId = step.Id, ApproverId = a, Status = ApprovalTaskStatus.Waiting }));
        }
        db.AddRange(steps);
        db.AddRange(tasks);
        foreach (var skipped in steps.Where(s => s.Status == StepStatus.AutoApproved))
            await Log(request, null, ActionKind.AutoApproved, skipped.Name, null, skipped.Note, ct);
        await Advance(request, steps, tasks, submission.SubmittedBy, ct);
        await db.SaveChangesAsync(ct);
        return State(request, steps, tasks);
    }

    public const string LimitStepName = "Discount above the submitter's limit";
    public const string LimitStepNote = "The discount is above the submitter's limit and no flow applies: their manager decides.";

    /// <summary>The safety step when no flow catches a discount above the submitter's limit: their manager, else further up, else the administrators.</summary>
    private static ApprovalFlowStep LimitStep() => new()
    {
        Name = Cut(FieldErrors.Text(LimitStepName), 100), Approver = ApproverKind.Manager, ManagerLevel = 1, Mode = StepMode.Any,
        Fallback = StepFallback.NextLevelUp,
    };

    public async Task<ApprovalDetailDto?> Current(string recordType, Guid recordId, Guid viewerId, CancellationToken ct)
    {
        var request = await db.Set<ApprovalRequest>().AsNoTracking().Where(r => r.RecordType == recordType && r.RecordId == recordId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return request is null ? null : await Detail(request, viewerId, ct);
    }

    /// <summary>One request in full: its steps with their approvers, its history, and what the viewer may do on it.</summary>
    internal async Task<ApprovalDetailDto> Detail(ApprovalRequest request, Guid viewerId, CancellationToken ct)
    {
        var id = request.Id;
        var steps = await db.Set<ApprovalStep>().AsNoTracking().Where(s => s.RequestId == id).OrderBy(s => s.Order).ToListAsync(ct);
        var tasks = await db.Set<ApprovalTask>().AsNoTracking().Where(t => t.RequestId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var log = await db.Set<ApprovalAction>().AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var people = tasks.Select(t => t.ApproverId).Concat(tasks.Where(t => t.OnBehalfOf != null).Select(t => t.OnBehalfOf!.Value))
            .Concat(log.Where(a => a.UserId != null).Select(a => a.UserId!.Value)).Concat(log.Where(a => a.OtherUserId != null).Select(a => a.OtherUserId!.Value))
            .Append(request.SubmittedBy).Distinct();
        var names = await users.Names(people, ct);
        var current = steps.FirstOrDefault(s => s.Status == StepStatus.Pending);
        return new ApprovalDetailDto(Summary(request, names, current?.Name), request.DiscountPercent, AmountOf(request),
            request.CustomerGrade, request.Reason,
            steps.Select(s => new ApprovalStepDto(s.Id, s.Order, s.Name, s.Mode, s.Status, s.Note is null ? null : FieldErrors.Text(s.Note),
                tasks.Where(t => t.StepId == s.Id).Select(t => new ApprovalTaskDto(t.Id, t.ApproverId, names.GetValueOrDefault(t.ApproverId, ""),
                    t.OnBehalfOf, t.Status, t.Comment, t.DecidedAt)).ToList())).ToList(),
            log.Select(a => new ApprovalActionDto(a.Id, a.At, a.UserId, a.UserId is { } u ? names.GetValueOrDefault(u) : null, a.Kind, a.StepName,
                a.OtherUserId, a.OtherUserId is { } o ? names.GetValueOrDefault(o) : null, a.Comment)).ToList(),
            CanAct: current is not null && tasks.Any(t => t.StepId == current.Id && t.ApproverId == viewerId && t.Status == ApprovalTaskStatus.Pending),
            CanWithdraw: request.Status == ApprovalStatus.Pending && request.SubmittedBy == viewerId, request.DiscountLimitPercent);
    }

    internal static ApprovalSummaryDto Summary(ApprovalRequest r, IReadOnlyDictionary<Guid, string> names, string? currentStep) =>
        new(r.Id, r.RecordType, r.RecordId, r.Title, r.Href, r.Status, r.SubmittedBy, names.GetValueOrDefault(r.SubmittedBy, ""), r.SubmittedAt,
            r.DecidedAt, currentStep, r.Version);

    public async Task<ApprovalState?> StateOf(string recordType, Guid recordId, CancellationToken ct)
    {
        var request = await db.Set<ApprovalRequest>().AsNoTracking().Where(r => r.RecordType == recordType && r.RecordId == recordId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (request is null) return null;
        var steps = await db.Set<ApprovalStep>().AsNoTracking().Where(s => s.RequestId == request.Id).ToListAsync(ct);
        var tasks = await db.Set<ApprovalTask>().AsNoTracking().Where(t => t.RequestId == request.Id).ToListAsync(ct);
        return State(request, steps, tasks);
    }

    public async Task Withdraw(string recordType, Guid recordId, Guid userId, CancellationToken ct)
    {
        var request = await db.Set<ApprovalRequest>().FirstOrDefaultAsync(r => r.RecordType == recordType && r.RecordId == recordId
                                                                               && r.Status == ApprovalStatus.Pending, ct);
        if (request is null) return;
        await Withdraw(request, userId, ct);
    }

    /// <summary>Withdraws a pending request: only its submitter may.</summary>
    public async Task Withdraw(ApprovalRequest request, Guid userId, CancellationToken ct)
    {
        if (request.SubmittedBy != userId) throw new ForbiddenException(FieldErrors.Text("Only the submitter can withdraw a request."));
        var (steps, tasks) = await Load(request.Id, ct);
        await End(request, steps, tasks, ApprovalStatus.Withdrawn, userId, null, ct);
        await Log(request, userId, ActionKind.Withdrawn, null, null, null, ct);
        await Save(request, ct);
    }

    /// <summary>How many approvals wait for the user (the to-do centre's count and the tab's badge).</summary>
    public Task<int> PendingCount(Guid userId, CancellationToken ct) =>
        (from t in db.Set<ApprovalTask>()
         join r in db.Set<ApprovalRequest>() on t.RequestId equals r.Id
         where t.ApproverId == userId && t.Status == ApprovalTaskStatus.Pending && r.Status == ApprovalStatus.Pending
         select t.Id).CountAsync(ct);

    /// <summary>The approver approves their part of the current step; the step (and the request) moves on when it is done.</summary>
    public async Task Approve(ApprovalRequest request, Guid userId, string? comment, CancellationToken ct)
    {
        var (steps, tasks) = await Load(request.Id, ct);
        var (step, task) = MyTask(request, steps, tasks, userId);
        task.Status = ApprovalTaskStatus.Approved;
        task.Comment = comment;
        task.DecidedAt = Now;
        await Log(request, userId, ActionKind.Approved, step.Name, null, comment, ct);
        var open = tasks.Where(t => t.StepId == step.Id && t.Status == ApprovalTaskStatus.Pending).ToList();
        if (step.Mode == StepMode.Any || open.Count == 0)
        {
            foreach (var other in open) other.Status = ApprovalTaskStatus.Cancelled;
            step.Status = StepStatus.Approved;
            await Advance(request, steps, tasks, userId, ct);
        }
        await Save(request, ct);
    }

    /// <summary>Rejects (驳回) or sends back (退回) the request: it ends, with the reason, for the submitter to see.</summary>
    public async Task Decline(ApprovalRequest request, Guid userId, string reason, bool sendBack, CancellationToken ct)
    {
        var (steps, tasks) = await Load(request.Id, ct);
        var (step, task) = MyTask(request, steps, tasks, userId);
        task.Status = sendBack ? ApprovalTaskStatus.SentBack : ApprovalTaskStatus.Rejected;
        task.Comment = reason;
        task.DecidedAt = Now;
        step.Status = sendBack ? StepStatus.SentBack : StepStatus.Rejected;
        await Log(request, userId, sendBack ? ActionKind.SentBack : ActionKind.Rejected, step.Name, null, reason, ct);
        await End(request, steps, tasks, sendBack ? ApprovalStatus.SentBack : ApprovalStatus.Rejected, userId, reason, ct);
        await Save(request, ct);
    }

    /// <summary>加签: the approver adds a user as an extra step right after the current one (their own task stays theirs).</summary>
    public async Task AddSigner(ApprovalRequest request, Guid userId, Guid signerId, CancellationToken ct)
    {
        var (steps, tasks) = await Load(request.Id, ct);
        var (step, _) = MyTask(request, steps, tasks, userId);
        await CheckOtherUser(request, signerId, userId, ct);
        foreach (var later in steps.Where(s => s.Order > step.Order)) later.Order++;
        var added = new ApprovalStep
        {
            RequestId = request.Id, Order = step.Order + 1, Name = Cut(FieldErrors.Text("Added signer"), 100), Mode = StepMode.Any,
            Status = StepStatus.Waiting,
        };
        db.Add(added);
        db.Add(new ApprovalTask { RequestId = request.Id, StepId = added.Id, ApproverId = signerId, Status = ApprovalTaskStatus.Waiting });
        await Log(request, userId, ActionKind.SignerAdded, step.Name, signerId, null, ct);
        await Save(request, ct);
    }

    /// <summary>Hands the approver's waiting task to another user (转交), who is told at once.</summary>
    public async Task Delegate(ApprovalRequest request, Guid userId, Guid toUserId, string? comment, CancellationToken ct)
    {
        var (steps, tasks) = await Load(request.Id, ct);
        var (step, task) = MyTask(request, steps, tasks, userId);
        await CheckOtherUser(request, toUserId, userId, ct);
        if (tasks.Any(t => t.StepId == step.Id && t.ApproverId == toUserId && t.Status is ApprovalTaskStatus.Pending or ApprovalTaskStatus.Approved))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["userId"] = [FieldErrors.Text("This user already approves this step.")] });
        task.Status = ApprovalTaskStatus.Delegated;
        task.Comment = comment;
        task.DecidedAt = Now;
        var handed = new ApprovalTask { RequestId = request.Id, StepId = step.Id, ApproverId = toUserId, OnBehalfOf = userId, Status = ApprovalTaskStatus.Pending };
        db.Add(handed);
        await Log(request, userId, ActionKind.Delegated, step.Name, toUserId, comment, ct);
        await NotifyWaiting(request, toUserId, ct);
        await Save(request, ct);
    }

    /// <summary>
    /// The caller's task in the current step. A request already decided, or a task the caller already acted on (or
    /// that another approver's decision closed), is a 409; a request on which the caller has nothing to do now, 403.
    /// </summary>
    private static (ApprovalStep Step, ApprovalTask Task) MyTask(ApprovalRequest request, List<ApprovalStep> steps, List<ApprovalTask> tasks, Guid userId)
    {
        if (request.Status != ApprovalStatus.Pending) throw new ConflictException(FieldErrors.Text("This request has already been decided."));
        var step = steps.Single(s => s.Order == request.CurrentStep);
        var task = tasks.FirstOrDefault(t => t.StepId == step.Id && t.ApproverId == userId && t.Status == ApprovalTaskStatus.Pending);
        if (task is not null) return (step, task);
        if (tasks.Any(t => t.ApproverId == userId && t.Status is not (ApprovalTaskStatus.Pending or ApprovalTaskStatus.Waiting)))
            throw new ConflictException(FieldErrors.Text("You have already acted on this request, or its step has been decided."));
        throw new ForbiddenException(FieldErrors.Text("This step is not waiting for you."));
    }

    private async Task CheckOtherUser(ApprovalRequest request, Guid otherId, Guid userId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var other = await User(otherId, ct);
        if (other is not { IsActive: true }) errors.Add("userId", FieldErrors.Text("No active user has this id."));
        else if (otherId == request.SubmittedBy) errors.Add("userId", FieldErrors.Text("The submitter cannot approve their own request."));
        else if (otherId == userId) errors.Add("userId", FieldErrors.Text("Choose someone other than yourself."));
        errors.ThrowIfAny();
    }

    /// <summary>Starts the next waiting step (tasks pending, delegations applied, approvers told); none left: approved.</summary>
    private async Task Advance(ApprovalRequest request, List<ApprovalStep> steps, List<ApprovalTask> tasks, Guid actingUser, CancellationToken ct)
    {
        var next = steps.Where(s => s.Status == StepStatus.Waiting).OrderBy(s => s.Order).FirstOrDefault();
        if (next is null)
        {
            request.CurrentStep = null;
            await End(request, steps, tasks, ApprovalStatus.Approved, actingUser, null, ct);
            return;
        }
        next.Status = StepStatus.Pending;
        request.CurrentStep = next.Order;
        var now = Now;
        var stepTasks = tasks.Where(t => t.StepId == next.Id).ToList();
        var approverIds = stepTasks.Select(t => t.ApproverId).ToList();
        var away = await db.Set<ApprovalDelegation>().AsNoTracking()
            .Where(d => approverIds.Contains(d.FromUserId) && d.StartsAt <= now && d.EndsAt > now).ToListAsync(ct);
        foreach (var task in stepTasks)
        {
            task.Status = ApprovalTaskStatus.Pending;
            var delegation = away.Where(d => d.FromUserId == task.ApproverId).OrderBy(d => d.Id).FirstOrDefault();
            if (delegation is not null && delegation.ToUserId != request.SubmittedBy && !approverIds.Contains(delegation.ToUserId)
                && await User(delegation.ToUserId, ct) is { IsActive: true })
            {
                task.OnBehalfOf = task.ApproverId;
                task.ApproverId = delegation.ToUserId;
            }
            await NotifyWaiting(request, task.ApproverId, ct);
        }
    }

    /// <summary>Ends the request: open steps and tasks closed, the owning module told, the submitter notified.</summary>
    private async Task End(ApprovalRequest request, List<ApprovalStep> steps, List<ApprovalTask> tasks, ApprovalStatus status, Guid decidedBy,
        string? reason, CancellationToken ct)
    {
        request.Status = status;
        request.Reason = reason;
        request.DecidedAt = Now;
        request.CurrentStep = null;
        foreach (var task in tasks.Where(t => t.Status is ApprovalTaskStatus.Pending or ApprovalTaskStatus.Waiting)) task.Status = ApprovalTaskStatus.Cancelled;
        foreach (var step in steps.Where(s => s.Status is StepStatus.Pending or StepStatus.Waiting)) step.Status = StepStatus.Cancelled;
        foreach (var handler in handlers.Where(h => h.RecordType == request.RecordType))
            await handler.Decided(new ApprovalOutcome(request.Id, request.RecordType, request.RecordId, status, decidedBy, reason), ct);
        if (status != ApprovalStatus.Withdrawn && decidedBy != request.SubmittedBy)
        {
            var title = status switch
            {
                ApprovalStatus.Approved => "Approved: {0}",
                ApprovalStatus.Rejected => "Rejected: {0}",
                _ => "Sent back: {0}",
            };
            var name = (await User(decidedBy, ct))?.DisplayName ?? "";
            await notifier.Notify(new NotificationRequest(EventTypes.ApprovalDecided, request.SubmittedBy, title,
                reason is null ? "Decided by {1}." : "Decided by {1}: {2}", Link(request), [request.Title, name, reason ?? ""]), ct);
        }
    }

    private async Task NotifyWaiting(ApprovalRequest request, Guid approverId, CancellationToken ct)
    {
        var submitter = (await User(request.SubmittedBy, ct))?.DisplayName ?? "";
        await notifier.Notify(new NotificationRequest(EventTypes.ApprovalWaiting, approverId, "Waiting for your approval: {0}",
            "Submitted by {1}.", Link(request), [request.Title, submitter]), ct);
    }

    private static string Link(ApprovalRequest request) => $"/approvals/{request.Id}";

    /// <summary>A line of the request's history, and the same on its customer's timeline.</summary>
    private async Task Log(ApprovalRequest request, Guid? userId, ActionKind kind, string? stepName, Guid? otherUserId, string? comment, CancellationToken ct)
    {
        var action = new ApprovalAction
        {
            RequestId = request.Id, At = Now, UserId = userId, Kind = kind, StepName = stepName, OtherUserId = otherUserId,
            Comment = comment is null ? null : Cut(comment, 500),
        };
        db.Add(action);
        if (request.CustomerId is not { } customerId) return;
        var user = userId is { } u ? await User(u, ct) : null;
        var what = FieldErrors.Text(kind switch
        {
            ActionKind.Submitted => "Approval submitted",
            ActionKind.Approved => "Approval step approved",
            ActionKind.Rejected => "Approval rejected",
            ActionKind.SentBack => "Approval sent back",
            ActionKind.SignerAdded => "Approval signer added",
            ActionKind.Delegated => "Approval handed on",
            ActionKind.Withdrawn => "Approval withdrawn",
            _ => "Approval step approved automatically",
        });
        var summary = string.Join(" · ", new[] { stepName, comment }.Where(s => !string.IsNullOrWhiteSpace(s)));
        timeline.Publish(new TimelineEntryInput(customerId, action.At, "approval", null, userId, user?.TeamId,
            Cut($"{what}: {request.Title}", 200), summary.Length == 0 ? null : Cut(summary, 1000), Module, action.Id));
    }

    private async Task Save(ApprovalRequest request, CancellationToken ct)
    {
        // Every action changes the request, so two approvers acting at once cannot both pass its version.
        if (!db.Entry(request).Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))) request.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(FieldErrors.Text("Someone else acted on this request at the same moment; reload it."));
        }
    }

    private async Task<(List<ApprovalStep> Steps, List<ApprovalTask> Tasks)> Load(Guid requestId, CancellationToken ct) =>
        (await db.Set<ApprovalStep>().Where(s => s.RequestId == requestId).OrderBy(s => s.Order).ToListAsync(ct),
            await db.Set<ApprovalTask>().Where(t => t.RequestId == requestId).ToListAsync(ct));

    /// <summary>A step's approvers (never the submitter, never inactive users) and, when a fallback chose them, why.</summary>
    internal async Task<(List<Guid> Approvers, string? Note)> Approvers(ApprovalFlowStep step, Guid submitter, CancellationToken ct)
    {
        List<Guid> found = step.Approver switch
        {
            ApproverKind.Manager => await ManagerAt(submitter, step.ManagerLevel, step.Fallback == StepFallback.NextLevelUp, ct) is { } m ? [m] : [],
            ApproverKind.Role => (await users.ActiveInRoles([step.Role ?? ""], ct)).Select(u => u.Id).ToList(),
            _ => await Active(FlowRules.Ids(step.UserIds), ct),
        };
        found = found.Where(id => id != submitter).Distinct().ToList();
        if (found.Count > 0) return (found, null);
        switch (step.Fallback)
        {
            case StepFallback.AutoApprove:
                return ([], "No approver: approved automatically, as the flow says.");
            case StepFallback.User when step.FallbackUserId is { } fallbackUser && fallbackUser != submitter
                                        && await User(fallbackUser, ct) is { IsActive: true }:
                return ([fallbackUser], "No approver: the flow's fallback user.");
            case StepFallback.Role when step.FallbackRole is { } role:
                found = (await users.ActiveInRoles([role], ct)).Select(u => u.Id).Where(id => id != submitter).ToList();
                if (found.Count > 0) return (found, "No approver: the flow's fallback role.");
                break;
            case StepFallback.NextLevelUp when step.Approver != ApproverKind.Manager:
                if (await ManagerAt(submitter, 1, true, ct) is { } manager) return ([manager], "No approver: the submitter's manager.");
                break;
        }
        // Nobody left to approve: the administrators decide rather than letting the record through unseen.
        found = (await users.ActiveInRoles([Roles.Admin], ct)).Select(u => u.Id).Where(id => id != submitter).ToList();
        return found.Count > 0 ? (found, "No approver: the administrators.") : ([], "No approver at all: approved automatically.");
    }

    private async Task<Guid?> ManagerAt(Guid submitter, int level, bool nextLevelUp, CancellationToken ct)
    {
        var managers = new Dictionary<Guid, Guid?>();
        var current = submitter;
        for (var i = 0; i < 10; i++)
        {
            var of = await users.ManagersOf([current], ct);
            managers[current] = of.TryGetValue(current, out var m) ? m : null;
            if (managers[current] is not { } next || managers.ContainsKey(next)) break;
            current = next;
        }
        var chain = FlowRules.ManagerChain(submitter, u => managers.GetValueOrDefault(u));
        var active = new Dictionary<Guid, bool>();
        foreach (var id in chain) active[id] = await User(id, ct) is { IsActive: true };
        return FlowRules.ManagerAt(chain, level, nextLevelUp, id => active[id]);
    }

    private async Task<List<Guid>> Active(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var result = new List<Guid>();
        foreach (var id in ids)
            if (await User(id, ct) is { IsActive: true }) result.Add(id);
        return result;
    }

    private async Task<UserSummary?> User(Guid id, CancellationToken ct)
    {
        if (!known.TryGetValue(id, out var user)) known[id] = user = await users.Find(id, ct);
        return user;
    }

    private static ApprovalState State(ApprovalRequest request, IEnumerable<ApprovalStep> steps, IEnumerable<ApprovalTask> tasks)
    {
        var current = steps.FirstOrDefault(s => s.Order == request.CurrentStep && request.Status == ApprovalStatus.Pending);
        var waiting = current is null ? [] : tasks.Where(t => t.StepId == current.Id && t.Status == ApprovalTaskStatus.Pending).Select(t => t.ApproverId).ToList();
        return new ApprovalState(request.Id, request.RecordType, request.RecordId, request.Status, current?.Name, waiting, request.Reason,
            request.SubmittedAt, request.DecidedAt, request.SubmittedBy);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    internal static Money? AmountOf(ApprovalRequest r) =>
        r.AmountMinor is { } minor && r.AmountCurrency is { } currency ? Money.FromMinorUnits(minor, currency) : null;
}
