namespace Keqing.Infrastructure.Records;

/// <summary>
/// A module's part when records of one type are merged into a survivor (DOMAIN A6; customers today): Timeline moves
/// interactions, commitments and tasks, later Sales its deals, Service its cases. The merge calls every step for its
/// record type inside its transaction, before it saves; a step moves what points at the merged records to the survivor
/// and says how many records of each kind it moved, keyed by a short plural noun ("interactions", "deals").
/// </summary>
public interface IMergeStep
{
    /// <summary>The key of the record type whose merges this step follows (<c>customers.customer</c>).</summary>
    string RecordType { get; }

    Task<IReadOnlyDictionary<string, int>> Merge(Guid survivorId, IReadOnlyList<Guid> mergedIds, CancellationToken ct);
}
