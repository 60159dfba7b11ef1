using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Imports.Features;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Jobs;

/// <summary>
/// Runs queued imports on every app node (off with <c>Keqing:Imports:Enabled=false</c>), each under its own lease (see
/// <see cref="ImportRunner"/>): woken when a job is queued, and polling every <c>Keqing:Imports:PollSeconds</c> for jobs
/// whose worker died (their lease ran out) to resume them.
/// </summary>
public sealed class ImportWorker(ImportRunner runner, ImportSignal signal, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<ImportOptions> options, ILogger<ImportWorker> log) : IQueueJob
{
    private DateTime lastHousekeeping = DateTime.MinValue;

    public JobSchedule Schedule => new(ImportRunner.JobName, TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)),
        TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds)), options.Value.Enabled);

    public async Task RunAsync(CancellationToken ct)
    {
        await Housekeeping(ct);
        await runner.RunDueAsync(ct);
    }

    /// <summary>Waits for the poll period, or less when an import is queued on this node.</summary>
    public Task WaitForNextRunAsync(TimeSpan interval, TimeProvider clock, CancellationToken ct) => signal.Wait(interval, ct);

    /// <summary>Hourly: see <see cref="ImportHousekeeping"/>; and the temporary copies a killed process left.</summary>
    private async Task Housekeeping(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - lastHousekeeping < TimeSpan.FromHours(1)) return;
        lastHousekeeping = now;
        await using var scope = scopes.CreateAsyncScope();
        var (drafts, stored, rejected) = await scope.ServiceProvider.GetRequiredService<ImportHousekeeping>().Run(ct);
        var temps = ImportStore.SweepTempFiles(TimeSpan.FromDays(1), DateTime.UtcNow); // file times are real, whatever the clock
        if (drafts + stored + rejected + temps > 0)
            log.LogInformation("Import housekeeping: {Drafts} stale drafts, {Chunks} stored chunks of ended imports, the cells of {Rows} old rejected rows and {Temps} temporary files removed",
                drafts, stored, rejected, temps);
    }
}
