using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>A task or reminder for an employee, optionally about a customer and one of its contacts (DOMAIN T3, C8).</summary>
[RecordType("timeline.task", LegacyName = "TaskItem")]
public sealed class TaskItem : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Title { get; set; } = "";
    public string? Notes { get; set; }
    public Guid AssigneeId { get; set; }
    /// <summary>The assignee's team: its manager sees the task.</summary>
    public Guid? TeamId { get; set; }
    public Guid CreatedById { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? ContactId { get; set; }
    /// <summary>The record of another module the task is about (<see cref="Contracts.ITaskSubject"/>), e.g. a lead; kept when it becomes a customer.</summary>
    public string? SubjectType { get; set; }
    public Guid? SubjectId { get; set; }
    /// <summary>Set when the task schedules a contact (a call to make): contact boundaries apply to its due time.</summary>
    public InteractionChannel? Channel { get; set; }
    public DateTime DueAt { get; set; }
    /// <summary>When the reminder alert goes out; the due time when not set.</summary>
    public DateTime? RemindAt { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public TaskState Status { get; set; } = TaskState.Open;
    public DateTime? CompletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
