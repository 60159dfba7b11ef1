namespace Keqing.Modules.Sla.Contracts;

/// <summary>Which of a record's two targets: the first response, or the resolution.</summary>
public enum SlaTarget { FirstResponse, Resolution }

/// <summary>
/// Where a clock or one of its targets stands: running, paused (waiting on the customer), warned (past the warning
/// percentage), breached (past due), met (completed in time), cancelled (stopped without being resolved).
/// </summary>
public enum SlaState { Running, Paused, Warned, Breached, Met, Cancelled }

/// <summary>What a policy's conditions look at: the record's priority, type and customer grade (each may be absent).</summary>
public sealed record SlaAttributes(string? Priority, string? Type, string? Grade);

/// <summary>One target of a record's clock for its page: the target, when it is (or was) due, what is left, where it stands.</summary>
public sealed record SlaTargetDto(SlaTarget Target, int TargetMinutes, DateTime? DueAt, int ElapsedMinutes, int RemainingMinutes, SlaState State);

/// <summary>A record's SLA clock as its page shows it.</summary>
public sealed record SlaClockDto(
    string RecordType, Guid RecordId, Guid PolicyId, string PolicyName, Guid CalendarId, DateTime StartedAt,
    SlaState State, IReadOnlyList<SlaTargetDto> Targets, DateTime? PausedAt, DateTime? StoppedAt);

/// <summary>
/// The SLA engine for a module whose records run against response and resolution targets (Service's cases; any
/// record type key). Every write is in the caller's unit of work: nothing is saved until the caller's
/// <c>SaveChanges</c>, so a clock changes exactly when the record does. Times other than the start are the app
/// clock's now (<see cref="TimeProvider"/>). A record has at most one clock.
/// </summary>
public interface ISlaClocks
{
    /// <summary>
    /// Starts the record's clock under the policy its attributes match (most specific first, then the admins' order);
    /// null when no active policy of the record type matches (no SLA). A clock that is already running is left as it is
    /// and returned; a stopped one (a reopened case) starts again from <paramref name="startedAt"/>.
    /// <paramref name="title"/> and <paramref name="link"/> name the record in the warning and escalation messages.
    /// </summary>
    Task<SlaClockDto?> Start(string recordType, Guid recordId, SlaAttributes attributes, Guid ownerId, Guid? teamId,
        DateTimeOffset startedAt, string? title, string? link, CancellationToken ct);

    /// <summary>Pauses the clock (waiting on the customer); nothing when there is none, or it is paused or stopped.</summary>
    Task Pause(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>Counts again after a pause (the customer replied).</summary>
    Task Resume(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>New attributes (a priority change): the policy is matched again and its targets count from the original start.</summary>
    Task Change(string recordType, Guid recordId, SlaAttributes attributes, CancellationToken ct);

    /// <summary>A new owner and team (assignment, hand-over): warnings and escalations go to them from now on.</summary>
    Task Reassign(string recordType, Guid recordId, Guid ownerId, Guid? teamId, CancellationToken ct);

    /// <summary>The first response happened now; a late one is recorded as a breach if the scan has not yet.</summary>
    Task MarkFirstResponse(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>Stops the clock: resolved judges the resolution target; not resolved (cancelled) judges nothing still pending.</summary>
    Task Stop(string recordType, Guid recordId, bool resolved, CancellationToken ct);

    /// <summary>The record's clock now (targets, remaining, state); null when it has none. The caller checks access to the record.</summary>
    Task<SlaClockDto?> Current(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>The clocks of these records at a glance (records without a clock are absent), from the stored due instants.</summary>
    Task<IReadOnlyDictionary<Guid, SlaGlance>> Glance(string recordType, IReadOnlyCollection<Guid> recordIds, CancellationToken ct);

    /// <summary>
    /// The ids of the records whose running clock is near breach (past a warning point, nothing breached) or breached,
    /// now: a query the caller composes into its own (<c>ids.Contains(x.Id)</c> becomes a subquery).
    /// </summary>
    IQueryable<Guid> RecordsAt(string recordType, SlaRisk risk);
}
