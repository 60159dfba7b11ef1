namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// How any module puts its touchpoints on a customer's timeline (DOMAIN T1). Changes join the caller's unit of work
/// (the scope's database context) and are saved by the caller's SaveChanges, so an order and its timeline entry
/// are written together or not at all. One entry per source record.
/// </summary>
public interface ITimelinePublisher
{
    /// <summary>Adds the entry for a new source record.</summary>
    void Publish(TimelineEntryInput input);

    /// <summary>
    /// Adds the entries for many new source records at once, written now in the caller's open transaction (not at its
    /// SaveChanges): for a job that moves thousands of records in set-based SQL and would spend most of its time
    /// tracking and inserting entries one by one. Returns how many were written.
    /// </summary>
    Task<int> PublishMany(IReadOnlyCollection<TimelineEntryInput> inputs, CancellationToken ct);

    /// <summary>Replaces the entry of a source record (adds it if missing).</summary>
    Task Update(TimelineEntryInput input, CancellationToken ct);

    /// <summary>Removes the entry of a source record that no longer exists (no-op when there is none).</summary>
    Task Remove(string sourceModule, Guid sourceId, CancellationToken ct);
}
