using Keqing.Modules.Imports.Features;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Jobs;

/// <summary>
/// Runs queued imports on every app node (off with <c>Keqing:Imports:Enabled=false</c>): woken when a job is queued, and
/// polling every <c>Keqing:Imports:PollSeconds</c> for jobs whose worker died (their lease ran out) to resume them.
/// </summary>
public sealed class ImportWorker(ImportRunner runner, ImportSignal signal, IOptions<ImportOptions> options, ILogger<ImportWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
                await signal.Wait(period, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Running imports failed; trying again in {Period}", period);
                try { await Task.Delay(period, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
