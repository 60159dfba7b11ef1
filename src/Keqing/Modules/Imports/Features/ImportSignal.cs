namespace Keqing.Modules.Imports.Features;

/// <summary>Wakes the import worker when a job is queued, so it need not wait for its next poll.</summary>
public sealed class ImportSignal
{
    private readonly SemaphoreSlim semaphore = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> cancelled = new();

    /// <summary>
    /// A cancel asked on this node, seen by its runner before the flag reaches the database: on SQLite the flag's
    /// write can wait behind the import's own batches for their whole run.
    /// </summary>
    public void RequestCancel(Guid id) => cancelled[id] = true;

    public bool CancelRequested(Guid id) => cancelled.ContainsKey(id);

    public void Forget(Guid id) => cancelled.TryRemove(id, out _);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0) semaphore.Release();
    }

    public Task<bool> Wait(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
