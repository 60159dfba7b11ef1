using Keqing.Infrastructure.Events;

namespace Keqing.Modules.FieldWork.Contracts;

/// <summary>Where a field dispatch stands: planned, or its result as the technician logged it.</summary>
public enum DispatchStatus { Planned, Done, NeedsParts, CouldNotFix }

/// <summary>The result a technician logs for a dispatch.</summary>
public enum DispatchOutcome { Done, NeedsParts, CouldNotFix }

/// <summary>
/// A field visit to plan for another module's record (a repair case): the technician, the time window (UTC), a note.
/// <see cref="RecordLabel"/> (the case's number) and <see cref="RecordLink"/> (its page) name the record on the
/// technician's list without Field work knowing the record's module.
/// </summary>
public sealed record DispatchPlan(string RecordType, Guid RecordId, string RecordLabel, string RecordLink, Guid CustomerId,
    Guid TechnicianId, DateTime From, DateTime To, string? Note);

/// <summary>A field dispatch as the API shows it; <see cref="Visit"/> is the check-in the technician tied the result to, with its photos.</summary>
public sealed record DispatchDto
{
    public Guid Id { get; init; }
    public string RecordType { get; init; } = "";
    public Guid RecordId { get; init; }
    public string RecordLabel { get; init; } = "";
    public string RecordLink { get; init; } = "";
    public Guid CustomerId { get; init; }
    public string CustomerName { get; init; } = "";
    public Guid TechnicianId { get; init; }
    public string TechnicianName { get; init; } = "";
    public DateTime WindowFrom { get; init; }
    public DateTime WindowTo { get; init; }
    public string? Note { get; init; }
    public DispatchStatus Status { get; init; }
    public string? ResultNote { get; init; }
    public DateTime? ResultAt { get; init; }
    public VisitDto? Visit { get; init; }
    public Guid DispatchedBy { get; init; }
    public string DispatchedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>The technician's result: an outcome, a note, and the visit (check-in) it was made on, whose photos go with it.</summary>
public sealed record DispatchResultRequest(DispatchOutcome? Outcome, string? Note, Guid? VisitId);

/// <summary>Someone who can be dispatched: an active service agent or service manager (the service roles that check in at customers).</summary>
public sealed record TechnicianDto(Guid Id, string Name, Guid? TeamId);

/// <summary>A technician logged a dispatch's result (raised in that unit of work; Service notes it on the case).</summary>
public sealed record DispatchResultLogged(Guid DispatchId, string RecordType, Guid RecordId, Guid TechnicianId, DispatchOutcome Outcome,
    string? Note, DateTime At) : IDomainEvent;

/// <summary>
/// Field dispatch (DOMAIN V3, 派工) for modules whose records need someone on site: Service dispatches a repair case.
/// Field work owns the dispatches, the technician's list, the check-in and the result; the record's module checks its
/// own access before calling, and hears of results through <see cref="DispatchResultLogged"/>.
/// </summary>
public interface IFieldDispatch
{
    /// <summary>
    /// Plans a dispatch in the caller's unit of work (saved by the caller's SaveChanges) and notifies the technician;
    /// a technician who is not an active service agent or manager is a field error on technicianId.
    /// </summary>
    Task<Guid> Plan(DispatchPlan plan, CancellationToken ct);

    /// <summary>A record's dispatches, newest window first (the caller checks access to the record).</summary>
    Task<IReadOnlyList<DispatchDto>> For(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>The ids of the records of a type the user is dispatched to: a query the caller composes into its own.</summary>
    IQueryable<Guid> RecordsDispatchedTo(string recordType, Guid userId);

    /// <summary>
    /// Moves a record's dispatches to another record of the same type (a case merged into another), in the caller's unit
    /// of work: they name the new record on the technician's list and the customer's timeline, and the technician keeps
    /// access through <see cref="RecordsDispatchedTo"/>. Returns how many moved.
    /// </summary>
    Task<int> Move(string recordType, Guid fromRecordId, Guid toRecordId, string toLabel, string toLink, CancellationToken ct);

    /// <summary>Who can be dispatched, by name.</summary>
    Task<IReadOnlyList<TechnicianDto>> Technicians(CancellationToken ct);

    /// <summary>
    /// Erases the personal data of the records' dispatches (a data-subject erasure of the person a case is about): the
    /// dispatch note and the technician's result, keeping who was sent when and the outcome; in the caller's unit of
    /// work. Returns how many dispatches it touched.
    /// </summary>
    Task<int> EraseNotes(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct);
}
