using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Timeline.Contracts;

/// <summary>A rule a contact would break (DOMAIN P4): the API answers with it in <c>warnings</c> instead of refusing.</summary>
public sealed record BoundaryWarning(string Code, string Message);

/// <summary>
/// What a create (POST) or an update (PUT) of an interaction sends; <see cref="NextStepDone"/> marks the agreed next
/// step done (true) or open again (false), and leaves it as it is when left out.
/// </summary>
public sealed record InteractionInput(
    Guid? CustomerId, InteractionChannel? Channel, InteractionDirection? Direction = null, DateTime? OccurredAt = null,
    IReadOnlyList<Guid>? ContactIds = null, IReadOnlyList<Guid>? ParticipantIds = null, string? Subject = null,
    string? Notes = null, string? Outcome = null, string? NextStep = null, bool PersonalOccasion = false, bool? NextStepDone = null);

/// <summary>An interaction as the API shows it; <see cref="Warnings"/> lists the contact boundaries a save broke.</summary>
public sealed record InteractionDto(
    Guid Id, Guid CustomerId, InteractionChannel Channel, InteractionDirection Direction, DateTime OccurredAt,
    IReadOnlyList<Guid> ContactIds, IReadOnlyList<Guid> ParticipantIds, string Subject, string? Notes, string? Outcome,
    string? NextStep, bool PersonalOccasion, Guid UserId, Guid? TeamId, long Version, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<BoundaryWarning> Warnings, DateTime? NextStepDoneAt = null);

/// <summary>What a new commitment sends; <see cref="PromisedById"/> defaults to the caller.</summary>
public sealed record CommitmentInput(Guid? CustomerId, string? What, DateTime? DueAt, Guid? PromisedById = null,
    Guid? ContactId = null, Guid? InteractionId = null);

/// <summary>A commitment as the API shows it.</summary>
public sealed record CommitmentDto(
    Guid Id, Guid CustomerId, Guid? ContactId, Guid? InteractionId, string What, Guid PromisedById, Guid OwnerId,
    Guid? TeamId, DateTime DueAt, CommitmentStatus Status, bool Overdue, DateTime? ClosedAt, Guid? ClosedById,
    string? CloseNote, long Version, DateTime CreatedAt);

/// <summary>Closing a commitment as done or broken, with an optional note.</summary>
public sealed record CloseCommitmentInput(string? Note = null);

/// <summary>What a new task sends; <see cref="AssigneeId"/> defaults to the caller.</summary>
public sealed record TaskInput(string? Title, DateTime? DueAt, Guid? AssigneeId = null, TaskPriority? Priority = null,
    Guid? CustomerId = null, Guid? ContactId = null, InteractionChannel? Channel = null, DateTime? RemindAt = null,
    string? Notes = null, string? SubjectType = null, Guid? SubjectId = null);

/// <summary>A task as the API shows it; <see cref="Warnings"/> lists the contact boundaries a scheduled contact breaks.</summary>
public sealed record TaskDto(
    Guid Id, string Title, string? Notes, Guid AssigneeId, Guid? TeamId, Guid CreatedById, Guid? CustomerId,
    Guid? ContactId, InteractionChannel? Channel, DateTime DueAt, DateTime? RemindAt, TaskPriority Priority,
    TaskState Status, bool Overdue, DateTime? CompletedAt, long Version, DateTime CreatedAt,
    IReadOnlyList<BoundaryWarning> Warnings, string? SubjectType = null, Guid? SubjectId = null);

/// <summary>A customer due for contact by its grade's cadence; <see cref="Phone"/> when the caller's role sees contact details.</summary>
public sealed record DueCustomerDto(Guid CustomerId, string Name, CustomerGrade Grade, int CadenceDays, DateTime? LastContactAt,
    DateTime? DueSince, string? Phone = null);

/// <summary>One page of the customers due for contact, overdue longest first, of <see cref="Total"/>.</summary>
public sealed record DueCustomersPage(IReadOnlyList<DueCustomerDto> Items, int Total, int Offset);

/// <summary>"My day" (DOMAIN T3, C8): today's and overdue tasks, commitments due, customers due for contact; <see cref="Upcoming"/>: open tasks of the next seven days.</summary>
public sealed record MyDayDto(
    DateOnly Date, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<CommitmentDto> Commitments,
    IReadOnlyList<DueCustomerDto> CustomersDue, int CustomersDueCount, int UnreadAlerts, IReadOnlyList<TaskDto>? Upcoming = null);

/// <summary>An alert for the caller.</summary>
public sealed record AlertDto(Guid Id, AlertKind Kind, Guid SubjectId, Guid? CustomerId, string Title, DateTime DueAt,
    DateTime CreatedAt, DateTime? ReadAt);

/// <summary>A hand-over request (DOMAIN T4): all customers of an employee when <see cref="CustomerIds"/> is null.</summary>
public sealed record HandoverRequest(Guid? FromUserId, IReadOnlyList<Guid>? ToUserIds, IReadOnlyList<Guid>? CustomerIds = null);

/// <summary>What a hand-over would move: customers, and the open tasks and commitments on them.</summary>
public sealed record HandoverCounts(int Customers, int Tasks, int Commitments);

/// <summary>One customer a hand-over moved, with what moved with it.</summary>
public sealed record HandoverItemDto(Guid CustomerId, string Name, Guid ToUserId, int Tasks, int Commitments);

/// <summary>What a hand-over moved.</summary>
public sealed record HandoverResult(Guid Id, Guid FromUserId, IReadOnlyList<Guid> ToUserIds, DateTime CreatedAt,
    IReadOnlyList<HandoverItemDto> Customers, int Tasks, int Commitments, IReadOnlyDictionary<string, int> Other);

/// <summary>A hand-over brief (DOMAIN T4): what a new owner needs before meeting the customer.</summary>
public sealed record CustomerBriefDto(
    Guid CustomerId, string Name, CustomerGrade? Grade, Guid OwnerId, string? OwnerName, DateTime? LastContactAt,
    IReadOnlyList<TimelineEntryDto> LastContacts, IReadOnlyList<CommitmentDto> OpenCommitments,
    IReadOnlyList<TaskDto> OpenTasks, IReadOnlyList<string> OpenNextSteps);

/// <summary>The admin's follow-up settings: cadence in days per grade, quiet hours, weekly cap per channel (counted in the company calendar's time zone).</summary>
public sealed record TimelineSettingsDto(
    IReadOnlyDictionary<CustomerGrade, int?> CadenceDays, TimeOnly? QuietFrom, TimeOnly? QuietUntil,
    int? MaxContactsPerChannelPerWeek, long Version);

/// <summary>A contact's contact wishes (DOMAIN P4).</summary>
public sealed record ContactPreferenceDto(Guid ContactId, Guid CustomerId, bool PersonalOccasionOptIn);
