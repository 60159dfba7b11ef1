using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Tasks and reminders (DOMAIN T3): for oneself, or — for a manager — for someone in a managed team, optionally about a
/// customer or about a record of another module (<see cref="ITaskSubject"/>: a lead); a task that schedules a contact
/// (has a channel) is checked against the contact boundaries.
/// </summary>
public sealed class Tasks(
    KeqingDb db, TimelineAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser,
    ITimelinePublisher timeline, IContactBoundaryCheck boundaries, IBoundaryOverrideLog overrides, IEnumerable<ITaskSubject> subjects,
    AuditInterceptor audit, TimeProvider clock) : ISubjectTasks
{
    /// <summary>The position after a page's last row (by due time).</summary>
    public sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TaskDto> Create(TaskInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (assignee, customer) = await Validate(input, now, null, ct);
        var task = new TaskItem { CreatedById = currentUser.UserId, CreatedAt = now, SubjectType = input.SubjectType, SubjectId = input.SubjectId };
        Apply(task, input, assignee, customer, now);
        var warnings = await Warnings(task, ct);
        db.Add(task);
        if (task.CustomerId is { } warned)
            overrides.Record(currentUser.UserId, warned, "task", task.Id, warnings.Select(w => (w.Code, w.Message)));
        if (task.CustomerId is { } onCustomer) timeline.Publish(TimelineMapping.EntryOf(task, onCustomer));
        await db.SaveChangesAsync(ct);
        return task.ToDto(now, warnings);
    }

    /// <summary>One task the caller may see.</summary>
    public async Task<TaskDto> Get(Guid id, CancellationToken ct)
    {
        var visible = await access.Tasks(db.Set<TaskItem>().AsNoTracking(), ct);
        var task = await visible.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("task");
        return task.ToDto(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Changes an open task under If-Match: whoever may complete it may edit it; a new assignee follows the same rule
    /// as on creation; the customer stays (its timeline entry follows the change).
    /// </summary>
    public async Task<TaskDto> Update(Guid id, long expectedVersion, TaskInput input, CancellationToken ct)
    {
        var task = await Editable(id, ct);
        Preconditions.ExpectVersion(db, task, expectedVersion);
        if (task.Status == TaskState.Done) throw new ConflictException("This task is done; it can no longer be changed.");
        var now = clock.GetUtcNow().UtcDateTime;
        var (assignee, customer) = await Validate(input, now, task, ct);
        Apply(task, input, assignee, customer, now);
        var warnings = await Warnings(task, ct);
        if (task.CustomerId is { } onCustomer)
        {
            overrides.Record(currentUser.UserId, onCustomer, "task", task.Id, warnings.Select(w => (w.Code, w.Message)));
            await timeline.Update(TimelineMapping.EntryOf(task, onCustomer), ct);
        }
        await db.SaveChangesAsync(ct);
        return task.ToDto(now, warnings);
    }

    /// <summary>Whom the caller may give a task: themselves; a manager also the members of their teams; an admin anyone active.</summary>
    public async Task<IReadOnlyList<UserSummary>> Assignees(CancellationToken ct)
    {
        var active = await users.Active(ct);
        var mine = new List<UserSummary>();
        foreach (var user in active)
            if (user.Id == currentUser.UserId || await access.MayEdit(user.Id, user.TeamId, ct)) mine.Add(user);
        return mine.OrderBy(u => u.Id != currentUser.UserId).ThenBy(u => u.DisplayName, StringComparer.Ordinal).ToList();
    }

    private async Task<(UserSummary Assignee, CustomerSummary? Customer)> Validate(TaskInput input, DateTime now, TaskItem? existing, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("title", input.Title).MaxLength("title", input.Title, 200).MaxLength("notes", input.Notes, 2000);
        if (input.DueAt is null) errors.Add("dueAt", FieldErrors.Text("dueAt is required."));
        else if (input.DueAt < now.AddYears(-1) || input.DueAt > now.AddYears(10)) errors.Add("dueAt", FieldErrors.Text("dueAt is within a year back and ten years ahead."));
        if (input.RemindAt is { } remind && input.DueAt is { } due && remind > due) errors.Add("remindAt", FieldErrors.Text("remindAt is at or before dueAt."));
        var assigneeId = input.AssigneeId ?? existing?.AssigneeId ?? currentUser.UserId;
        var assignee = await users.Find(assigneeId, ct);
        if (assignee is not { IsActive: true }) errors.Add("assigneeId", FieldErrors.Text("The assignee must be an active employee."));
        else if (assigneeId != currentUser.UserId && assigneeId != existing?.AssigneeId && !await access.MayEdit(assigneeId, assignee.TeamId, ct))
            errors.Add("assigneeId", FieldErrors.Text("Only a manager of the assignee's team or an admin may give someone else a task."));
        CustomerSummary? customer = null;
        if (input.CustomerId is { } customerId && (customer = await customers.FindVisible(customerId, ct)) is null)
            errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        if (input.ContactId is { } contact && (customer is null || (await customers.ContactsOf(customer.Id, ct)).All(c => c.Id != contact)))
            errors.Add("contactId", FieldErrors.Text("The contact must be one of the task's customer's contacts."));
        if (input.Channel is not null && input.CustomerId is null) errors.Add("channel", FieldErrors.Text("A scheduled contact (channel) needs a customerId."));
        if (existing is not null && input.CustomerId != existing.CustomerId)
            errors.Add("customerId", FieldErrors.Text("A task stays with its customer; create a new task for another one."));
        if (existing is null) await ValidateSubject(input, errors, ct);
        else if (input.SubjectType is not null && (input.SubjectType != existing.SubjectType || input.SubjectId != existing.SubjectId))
            errors.Add("subjectId", FieldErrors.Text("A task stays with its record; create a new task for another one."));
        errors.ThrowIfAny();
        return (assignee!, customer);
    }

    private async Task ValidateSubject(TaskInput input, FieldErrors errors, CancellationToken ct)
    {
        if (input.SubjectType is null && input.SubjectId is null) return;
        if (input.SubjectType is null || input.SubjectId is null)
            errors.Add("subjectId", FieldErrors.Text("subjectType and subjectId go together."));
        else if (subjects.FirstOrDefault(s => s.RecordType == input.SubjectType) is not { } subject)
            errors.Add("subjectType", FieldErrors.Text("A task cannot be about {0}.", input.SubjectType));
        else if (!await subject.IsVisible(input.SubjectId.Value, ct))
            errors.Add("subjectId", FieldErrors.Text("No record you may see has this id."));
    }

    private static void Apply(TaskItem task, TaskInput input, UserSummary assignee, CustomerSummary? customer, DateTime now)
    {
        task.Title = input.Title!.Trim();
        task.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        task.AssigneeId = assignee.Id;
        task.TeamId = assignee.TeamId;
        task.CustomerId = customer?.Id;
        task.ContactId = input.ContactId;
        task.Channel = input.Channel;
        task.DueAt = input.DueAt!.Value;
        task.RemindAt = input.RemindAt;
        task.Priority = input.Priority ?? TaskPriority.Normal;
        task.UpdatedAt = now;
    }

    private async Task<IReadOnlyList<BoundaryWarning>> Warnings(TaskItem task, CancellationToken ct) =>
        task is { Channel: { } channel, CustomerId: { } cid }
            ? await boundaries.Check(cid, channel, InteractionDirection.Outbound, task.DueAt, task.ContactId is { } c ? [c] : [], false, null, ct)
            : [];

    private async Task<TaskItem> Editable(Guid id, CancellationToken ct)
    {
        var visible = await access.Tasks(db.Set<TaskItem>(), ct);
        var task = await visible.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("task");
        if (task.CreatedById != currentUser.UserId && !await access.MayEdit(task.AssigneeId, task.TeamId, ct))
            throw new ForbiddenException("Only the assignee, whoever created the task, their manager or an admin may change it.");
        return task;
    }

    public async Task<Page<TaskDto>> List(Guid? assigneeId, Guid? customerId, TaskState? status, int? limit, string? after, CancellationToken ct,
        string? subjectType = null, Guid? subjectId = null)
    {
        var take = Paging.Limit(limit);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = await access.Tasks(db.Set<TaskItem>().AsNoTracking(), ct);
        if (assigneeId is { } a) query = query.Where(t => t.AssigneeId == a);
        if (customerId is { } c) query = query.Where(t => t.CustomerId == c);
        if (subjectType is not null) query = query.Where(t => t.SubjectType == subjectType);
        if (subjectId is { } r) query = query.Where(t => t.SubjectId == r);
        if (status is { } s) query = query.Where(t => t.Status == s);
        if (Paging.Decode<Cursor>(after) is { } k) query = query.Where(t => t.DueAt > k.DueAt || (t.DueAt == k.DueAt && t.Id.CompareTo(k.Id) > 0));
        var rows = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(rows.Select(t => t.ToDto(now)).ToList(), take, t => new Cursor(t.DueAt, t.Id));
    }

    public async Task<TaskDto> Complete(Guid id, CancellationToken ct)
    {
        var task = await Editable(id, ct);
        if (task.Status == TaskState.Done) throw new ConflictException("This task is already done.");
        var now = clock.GetUtcNow().UtcDateTime;
        task.Status = TaskState.Done;
        task.CompletedAt = now;
        task.UpdatedAt = now;
        if (task.CustomerId is { } customerId) await timeline.Update(TimelineMapping.EntryOf(task, customerId), ct);
        await db.SaveChangesAsync(ct);
        return task.ToDto(now);
    }

    public async Task<IReadOnlyList<TaskDto>> Of(string recordType, Guid recordId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = await access.Tasks(db.Set<TaskItem>().AsNoTracking(), ct);
        var rows = await visible.Where(t => t.SubjectType == recordType && t.SubjectId == recordId)
            .OrderBy(t => t.Status == TaskState.Done).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(Paging.MaxLimit).ToListAsync(ct);
        return rows.Select(t => t.ToDto(now)).ToList();
    }

    public async Task MoveToCustomer(string recordType, Guid recordId, Guid customerId, Guid? contactId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Every task about the record, whoever holds it: the record is now the customer.
        var tasks = await db.Set<TaskItem>().Where(t => t.SubjectType == recordType && t.SubjectId == recordId && t.CustomerId == null).ToListAsync(ct);
        foreach (var task in tasks)
        {
            task.CustomerId = customerId;
            task.ContactId ??= contactId;
            task.UpdatedAt = now;
            timeline.Publish(TimelineMapping.EntryOf(task, customerId));
        }
    }

    public async Task<int> HandOver(string recordType, Guid fromUserId, IReadOnlyDictionary<Guid, (Guid UserId, Guid? TeamId)> newHolderByRecord,
        CancellationToken ct)
    {
        var ids = newHolderByRecord.Keys.ToList();
        var tasks = await db.Set<TaskItem>().Where(t => t.SubjectType == recordType && t.SubjectId != null && ids.Contains(t.SubjectId.Value)
            && t.AssigneeId == fromUserId && t.Status == TaskState.Open).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var task in tasks)
        {
            (task.AssigneeId, task.TeamId) = newHolderByRecord[task.SubjectId!.Value];
            task.UpdatedAt = now;
        }
        return tasks.Count;
    }

    public async Task<IReadOnlyList<TaskDto>> ExportAbout(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct) =>
        (await db.Set<TaskItem>().AsNoTracking().Where(t => t.SubjectType == recordType && t.SubjectId != null && recordIds.Contains(t.SubjectId.Value))
            .OrderBy(t => t.DueAt).ToListAsync(ct)).Select(t => t.ToDto(t.DueAt)).ToList();

    public async Task<int> EraseAbout(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct)
    {
        var tasks = await db.Set<TaskItem>().Where(t => t.SubjectType == recordType && t.SubjectId != null && recordIds.Contains(t.SubjectId.Value)).ToListAsync(ct);
        foreach (var task in tasks)
        {
            audit.RedactValuesOf(task.Id);
            (task.Title, task.Notes) = (TimelinePersonalData.Erased, null);
        }
        return tasks.Count;
    }
}
