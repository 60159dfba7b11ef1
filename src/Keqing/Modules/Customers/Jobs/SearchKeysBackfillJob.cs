using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Features;

namespace Keqing.Modules.Customers.Jobs;

/// <summary>
/// Runs <see cref="SearchKeysBackfill"/> on one node at a time after each start, until a run finds nothing left to
/// fill; new rows always come with their keys, so the job then rests until the node restarts (the next upgrade).
/// </summary>
public sealed class SearchKeysBackfillJob(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SearchKeysBackfillJob> log) : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "customers.search-keys-backfill";

    private volatile bool done;

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(5), configuration);

    async Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct)
    {
        if (done) return;
        await using var scope = scopes.CreateAsyncScope();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var filled = await scope.ServiceProvider.GetRequiredService<SearchKeysBackfill>().Run(stop.Token);
        if (filled > 0) log.LogInformation("Search keys filled for {Rows} rows written before they existed", filled);
        done = true;
    }
}
