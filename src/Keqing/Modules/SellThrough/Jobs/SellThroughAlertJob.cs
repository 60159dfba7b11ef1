using Keqing.Infrastructure.Jobs;
using Keqing.Modules.SellThrough.Features;

namespace Keqing.Modules.SellThrough.Jobs;

/// <summary>
/// Runs the sell-through alert scan (<see cref="ScanSellThroughAlerts"/>) on one node at a time under the job's lease,
/// every <c>Keqing:SellThrough:ScanMinutes</c> (15) unless <c>Keqing:Jobs:Enabled</c> is false; a manager's "check now"
/// calls <see cref="RunNow"/>, tests <see cref="RunDueAsync"/>.
/// Before scanning it rebuilds the heat map's cells of the month it scans (<see cref="SellThroughSummary.Rebuild"/>), so a
/// product moved to another category shows in the heat map within a run.
/// </summary>
public sealed class SellThroughAlertJob(IServiceScopeFactory scopes, JobLeases leases, IConfiguration configuration) : IScheduledJob
{
    public const string JobName = "sellthrough.alerts";

    public JobSchedule Schedule => new(JobName, TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Keqing:SellThrough:ScanMinutes", 15))),
        TimeSpan.FromMinutes(10), configuration.GetValue("Keqing:Jobs:Enabled", true));

    Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct) => Run(ct);

    /// <summary>Scans now; returns how many alerts were raised (0 while another node runs the job).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct) => await RunNow(ct) ?? 0;

    /// <summary>Scans now under the job's lease; returns how many alerts were raised, null while a scan runs elsewhere.</summary>
    public async Task<int?> RunNow(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? null : await Run(ct);
    }

    private async Task<int> Run(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var scan = scope.ServiceProvider.GetRequiredService<ScanSellThroughAlerts>();
        await scope.ServiceProvider.GetRequiredService<SellThroughSummary>().Rebuild(await scan.Month(ct), ct);
        return await scan.Run(ct);
    }
}
