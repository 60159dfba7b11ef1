using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Jobs;

/// <summary>
/// Runs the duplicate scan every <c>Keqing:Duplicates:ScanHours</c> (24), or soon after <see cref="DuplicateScanRequests"/>
/// asked for it, on one node at a time: the node that holds the job's lease (<see cref="JobLeases"/>, renewed while the
/// scan runs; the scan stops if it is lost). Checks every <c>Keqing:Jobs:IntervalSeconds</c> (60); off with
/// <c>Keqing:Jobs:Enabled=false</c> (tests call <see cref="RunNow"/>).
/// </summary>
public sealed class DuplicateScanJob(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IConfiguration configuration,
    ILogger<DuplicateScanJob> log) : IScheduledJob
{
    /// <summary>The job's name, which its lease is held under.</summary>
    public const string JobName = "customers.duplicate-scan";

    public JobSchedule Schedule => JobSchedule.Periodic(JobName, TimeSpan.FromMinutes(5), configuration);

    private TimeSpan Every => TimeSpan.FromHours(Math.Max(0.01, configuration.GetValue("Keqing:Duplicates:ScanHours", 24.0)));

    async Task IScheduledJob.RunAsync(HeldLease lease, CancellationToken ct)
    {
        var result = await Run(lease, Every, ct);
        if (result is not null)
            log.LogInformation("Duplicate scan: {Customers} customers, {Pairs} pairs compared, {Found} found, {Skipped} blocks skipped in {Elapsed}",
                result.Customers, result.PairsCompared, result.PairsFound, result.SkippedBlocks.Count, result.Elapsed);
    }

    /// <summary>Scans now unless another node is scanning (then null).</summary>
    public async Task<DuplicateScanResult?> RunNow(CancellationToken ct)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, Guid.Empty, Schedule.Lease, ct);
        return lease is null ? null : await Run(lease, TimeSpan.Zero, ct);
    }

    /// <summary>Whether a scan runs now, and the figures of the last finished one.</summary>
    public async Task<DuplicateScanStatus> Status(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var state = await db.Set<DuplicateScanState>().AsNoTracking().SingleAsync(ct);
        var running = await JobLeases.Held(db, JobName, clock.GetUtcNow().UtcDateTime).AnyAsync(ct);
        return new DuplicateScanStatus(running, state.LastStartedAt, state.LastFinishedAt,
            state.LastCustomers, state.LastPairsCompared, state.LastPairsFound,
            JsonSerializer.Deserialize<List<string>>(state.LastSkippedBlocks, JsonSerializerOptions.Web) ?? []);
    }

    /// <summary>Under the job's lease: scans if the last scan started at least <paramref name="every"/> ago, and keeps its figures.</summary>
    private async Task<DuplicateScanResult?> Run(HeldLease lease, TimeSpan every, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = now - every;
        var state = db.Set<DuplicateScanState>().Where(s => s.Id == DuplicateScanState.SingletonId);
        var started = await state.Where(s => s.LastStartedAt == null || s.LastStartedAt <= due)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastStartedAt, now), ct);
        if (started == 0) return null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        // A failed scan throws here and leaves the figures of the last scan that finished.
        var result = await scope.ServiceProvider.GetRequiredService<DuplicateScan>().Run(stop.Token);
        var finished = clock.GetUtcNow().UtcDateTime;
        var skipped = JsonSerializer.Serialize(result.SkippedBlocks, JsonSerializerOptions.Web);
        if (skipped.Length > 4000) skipped = JsonSerializer.Serialize(result.SkippedBlocks.Take(10), JsonSerializerOptions.Web);
        await state.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastFinishedAt, finished)
            .SetProperty(x => x.LastCustomers, result.Customers)
            .SetProperty(x => x.LastPairsCompared, result.PairsCompared)
            .SetProperty(x => x.LastPairsFound, result.PairsFound)
            .SetProperty(x => x.LastSkippedBlocks, skipped), CancellationToken.None);
        return result;
    }
}
