using System.Globalization;
using Keqing.Infrastructure.Web;

namespace Keqing.Infrastructure.Jobs;

/// <summary>
/// The polling loop of one job on one node (ADR 0002): every <see cref="JobSchedule.Interval"/> it runs a queue job, or
/// takes a scheduled job's lease and runs it if no other node holds it. A failed run is logged and tried again next time.
/// </summary>
internal sealed class LeasedJobService<TJob>(TJob job, JobLeases leases, TimeProvider clock, ILogger<TJob> log) : BackgroundService
    where TJob : class, ILeasedJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = job.Schedule;
        if (!schedule.Enabled) return;
        // What a job writes for people to read (a timeline entry's title, a task's name) is in the company's language,
        // not in whatever culture the host process started under (this flows to every await of the loop only).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = KeqingHost.DefaultCulture;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnce(schedule, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The job {Job} failed; trying again in {Interval}", schedule.Name, schedule.Interval);
            }
            try
            {
                await job.WaitForNextRunAsync(schedule.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunOnce(JobSchedule schedule, CancellationToken ct)
    {
        switch (job)
        {
            case IQueueJob queue:
                await queue.RunAsync(ct);
                break;
            case IScheduledJob scheduled:
                await using (var lease = await leases.TryAcquireAsync(schedule.Name, Guid.Empty, schedule.Lease, ct))
                    if (lease is not null) await scheduled.RunAsync(lease, ct);
                break;
            default:
                throw new InvalidOperationException($"{typeof(TJob).Name} is neither a queue job nor a scheduled job.");
        }
    }
}
