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
/// customer; a task that schedules a contact (has a channel) is checked against the contact boundaries.
/// </summary>
public sealed class Tasks(
    KeqingDb db, TimelineAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser,
    ITimelinePublisher timeline, IContactBoundaryCheck boundaries, IBoundaryOverrideLog overrides, TimeProvider clock)
{
    /// <summary>The position after a page's last row (by due time).</summary>
    public sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<TaskDto> Create(TaskInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors().Required("title", input.Title).MaxLength("title", input.Title, 200).MaxLength("notes", input.Notes, 2000);
        if (input.DueAt is null) errors.Add("dueAt", FieldErrors.Text("Required."));
        else if (input.DueAt < now.AddYears(-1) || input.DueAt > now.AddYears(10)) errors.Add("dueAt", FieldErrors.Text("dueAt is within a year back and ten years ahead."));
        if (input.RemindAt is { } remind && input.DueAt is { } due && remind > due) errors.Add("remindAt", FieldErrors.Text("remindAt is at or before dueAt."));
        var assigneeId = input.AssigneeId ?? currentUser.UserId;
        var assignee = await users.Find(assigneeId, ct);
        if (assignee is not { IsActive: true }) errors.Add("assigneeId", FieldErrors.Text("The assignee must be an active employee."));
        else if (assigneeId != currentUser.UserId && !await access.MayEdit(assigneeId, assignee.TeamId, ct))
            errors.Add("assigneeId", FieldErrors.Text("Only a manager of the assignee's team or an admin may give someone else a task."));
        CustomerSummary? customer = null;
        if (input.CustomerId is { } customerId && (customer = await customers.FindVisible(customerId, ct)) is null)
            errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        if (input.ContactId is { } contact && (customer is null || (await customers.ContactsOf(customer.Id, ct)).All(c => c.Id != contact)))
            errors.Add("contactId", FieldErrors.Text("The contact must be one of the task's customer's contacts."));
        if (input.Channel is not null && input.CustomerId is null) errors.Add("channel", FieldErrors.Text("A scheduled contact (channel) needs a customerId."));
        errors.ThrowIfAny();

        var task = new TaskItem
        {
            Title = input.Title!.Trim(), Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            AssigneeId = assigneeId, TeamId = assignee!.TeamId, CreatedById = currentUser.UserId, CustomerId = customer?.Id,
            ContactId = input.ContactId, Channel = input.Channel, DueAt = input.DueAt!.Value, RemindAt = input.RemindAt,
            Priority = input.Priority ?? TaskPriority.Normal, CreatedAt = now, UpdatedAt = now,
        };
        IReadOnlyList<BoundaryWarning> warnings = [];
        if (task is { Channel: { } channel, CustomerId: { } cid })
            warnings = await boundaries.Check(cid, channel, InteractionDirection.Outbound, task.DueAt,
                task.ContactId is { } c ? [c] : [], false, null, ct);
        db.Add(task);
        if (task.CustomerId is { } warned)
            overrides.Record(currentUser.UserId, warned, "task", task.Id, warnings.Select(w => (w.Code, w.Message)));
        if (task.CustomerId is { } onCustomer) timeline.Publish(TimelineMapping.EntryOf(task, onCustomer));
        await db.SaveChangesAsync(ct);
        return task.ToDto(now, warnings);
    }

    public async Task<Page<TaskDto>> List(Guid? assigneeId, Guid? customerId, TaskState? status, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = await access.Tasks(db.Set<TaskItem>().AsNoTracking(), ct);
        if (assigneeId is { } a) query = query.Where(t => t.AssigneeId == a);
        if (customerId is { } c) query = query.Where(t => t.CustomerId == c);
        if (status is { } s) query = query.Where(t => t.Status == s);
        if (Paging.Decode<Cursor>(after) is { } k) query = query.Where(t => t.DueAt > k.DueAt || (t.DueAt == k.DueAt && t.Id.CompareTo(k.Id) > 0));
        var rows = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(rows.Select(t => t.ToDto(now)).ToList(), take, t => new Cursor(t.DueAt, t.Id));
    }

    public async Task<TaskDto> Complete(Guid id, CancellationToken ct)
    {
        var visible = await access.Tasks(db.Set<TaskItem>(), ct);
        var task = await visible.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("task");
        if (task.CreatedById != currentUser.UserId && !await access.MayEdit(task.AssigneeId, task.TeamId, ct))
            throw new ForbiddenException("Only the assignee, whoever created the task, their manager or an admin may complete it.");
        if (task.Status == TaskState.Done) throw new ConflictException("This task is already done.");
        var now = clock.GetUtcNow().UtcDateTime;
        task.Status = TaskState.Done;
        task.CompletedAt = now;
        task.UpdatedAt = now;
        if (task.CustomerId is { } customerId) await timeline.Update(TimelineMapping.EntryOf(task, customerId), ct);
        await db.SaveChangesAsync(ct);
        return task.ToDto(now);
    }
}
