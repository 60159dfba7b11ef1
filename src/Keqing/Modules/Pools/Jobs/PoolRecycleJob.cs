using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Pools.Features;

namespace Keqing.Modules.Pools.Jobs;

/// <summary>
/// Runs the recycle rules (<see cref="RecycleCustomers"/>) on one node at a time under the job's lease, every
/// <c>Keqing:Pools:RecycleMinutes</c> (60) unless <c>Keqing:Jobs:Enabled</c> is false; tests call <see cref="RunDueAsync"/>.
/// </summary>
public sealed class PoolRecycleJob(IServiceScopeFactory scopes, JobLeases leases, IConfiguration configuration) : IScheduledJob
{
    public const string JobName = "pools.recycle";

    public JobSchedule Schedule => new(JobName, TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Keqing:Pools:RecycleMinutes", 60))),
        TimeSpan.FromMinutes(10), configuration.GetValue("Keqing:Jobs:Enabled", true));

    async Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => await Run(ct);

    /// <summary>Runs now under the job's lease; null while a run holds it elsewhere.</summary>
    public async Task<RecycleOutcome?> RunDueAsync(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? null : await Run(ct);
    }

    private async Task<RecycleOutcome> Run(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecycleCustomers>().Run(ct);
    }
}
