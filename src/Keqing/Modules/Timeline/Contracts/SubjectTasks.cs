namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// A kind of record other than a customer that a task can be about (a lead; later a case): the module that owns it says
/// whether the acting user may see one. Registered as a service; a task stores the record type and id.
/// </summary>
public interface ITaskSubject
{
    /// <summary>The record type a task stores, e.g. <c>leads.lead</c>.</summary>
    string RecordType { get; }

    /// <summary>Whether the acting user may see this record (and so give a task about it).</summary>
    Task<bool> IsVisible(Guid id, CancellationToken ct);
}

/// <summary>The tasks about a record of another module: for that record's page, and for its conversion into a customer.</summary>
public interface ISubjectTasks
{
    /// <summary>The tasks about the record that the caller may see: open ones first, soonest due first.</summary>
    Task<IReadOnlyList<TaskDto>> Of(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>Creates a task with the checks of <c>POST /api/tasks</c>; the input names the record.</summary>
    Task<TaskDto> Create(TaskInput input, CancellationToken ct);

    Task<TaskDto> Complete(Guid id, CancellationToken ct);

    /// <summary>
    /// The record became this customer (and contact): its tasks are now about them too, and the open ones show on the
    /// customer's timeline. Written by the caller's save, in the caller's unit of work.
    /// </summary>
    Task MoveToCustomer(string recordType, Guid recordId, Guid customerId, Guid? contactId, CancellationToken ct);

    /// <summary>
    /// The records changed hands in a hand-over: the open tasks about them that <paramref name="fromUserId"/> held go to
    /// each record's new holder (and their team). Written by the caller's save; returns how many tasks.
    /// </summary>
    Task<int> HandOver(string recordType, Guid fromUserId, IReadOnlyDictionary<Guid, (Guid UserId, Guid? TeamId)> newHolderByRecord, CancellationToken ct);

    /// <summary>Every task about these records, whoever holds it: a data-subject export of the records' person.</summary>
    Task<IReadOnlyList<TaskDto>> ExportAbout(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct);

    /// <summary>
    /// Erasure of the records' person: every task about them keeps its dates and state but loses its title and notes
    /// (and their old values in the audit log). Written by the caller's save; returns how many tasks.
    /// </summary>
    Task<int> EraseAbout(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct);
}
