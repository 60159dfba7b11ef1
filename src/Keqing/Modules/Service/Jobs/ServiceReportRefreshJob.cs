using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service.Jobs;

/// <summary>
/// Takes the service report's marks every interval (<see cref="ServiceReportSummary.Refresh"/>), so the report finds
/// little to recompute when someone opens it after a busy day; the report refreshes before it reads in any case.
/// </summary>
public sealed class ServiceReportRefreshJob(IServiceScopeFactory scopes, IConfiguration configuration) : IScheduledJob
{
    public const string JobName = "service.report-refresh";

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(5), configuration);

    async Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceReportSummary>().Refresh(stop.Token);
    }
}
