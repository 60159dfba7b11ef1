using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// How many <c>SaveChanges</c> of this process are under way. On SQLite there is one write lock for the whole
/// database: a long writer (an import, batch after batch) asks this between two batches and lets waiting saves through.
/// </summary>
public sealed class SaveActivity
{
    private int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    internal void Started() => Interlocked.Increment(ref inFlight);

    internal void Ended()
    {
        if (Interlocked.Decrement(ref inFlight) < 0) Interlocked.Exchange(ref inFlight, 0);
    }

    /// <summary>Waits until no save is under way, at most <paramref name="limit"/>.</summary>
    public async Task LetWaitingSavesThrough(TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        while (InFlight > 0 && DateTime.UtcNow < until) await Task.Delay(5, ct);
    }
}

/// <summary>Counts saves in and out for <see cref="SaveActivity"/>.</summary>
public sealed class SaveActivityInterceptor(SaveActivity activity) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        activity.Started();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        activity.Started();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        activity.Ended();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        activity.Ended();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => activity.Ended();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        activity.Ended();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => activity.Ended();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        activity.Ended();
        return Task.CompletedTask;
    }
}
