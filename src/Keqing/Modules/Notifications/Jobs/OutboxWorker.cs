using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Jobs;

/// <summary>Runs <see cref="OutboxDispatcher.DispatchDueAsync"/> every few seconds on every app node (off with <c>Keqing:Outbox:Enabled=false</c>).</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, IOptions<OutboxOptions> options, TimeProvider clock,
    ILogger<OutboxWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The outbox dispatch failed; trying again in {Period}", period);
            }
            try
            {
                await Task.Delay(period, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
