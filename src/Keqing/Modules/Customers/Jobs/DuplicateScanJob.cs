using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Jobs;

/// <summary>
/// Runs the duplicate scan every <c>Keqing:Duplicates:ScanHours</c> (24) on whichever node claims it first: the claim is
/// one conditional UPDATE of the single <see cref="DuplicateScanState"/> row (lease expired and the last start long
/// enough ago), so several nodes never scan at once, and a node that dies mid-scan leaves its lease to expire.
/// Checks every <c>Keqing:Jobs:IntervalSeconds</c> (60); off with <c>Keqing:Jobs:Enabled=false</c> (tests call
/// <see cref="RunNow"/>).
/// </summary>
public sealed class DuplicateScanJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DuplicateScanJob> log)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromHours(2);
    private readonly string node = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Keqing:Jobs:Enabled", true)) return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Keqing:Jobs:IntervalSeconds", 60)));
        var every = TimeSpan.FromHours(Math.Max(0.01, configuration.GetValue("Keqing:Duplicates:ScanHours", 24.0)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await Run(every, stoppingToken);
                if (result is not null)
                    log.LogInformation("Duplicate scan: {Customers} customers, {Pairs} pairs compared, {Found} found, {Skipped} blocks skipped in {Elapsed}",
                        result.Customers, result.PairsCompared, result.PairsFound, result.SkippedBlocks.Count, result.Elapsed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Duplicate scan failed; retrying in {Interval}", interval);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Scans now unless another node is scanning (then null).</summary>
    public Task<DuplicateScanResult?> RunNow(CancellationToken ct) => Run(TimeSpan.Zero, ct);

    /// <summary>Whether a scan runs now, and the figures of the last finished one.</summary>
    public async Task<DuplicateScanStatus> Status(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var state = await db.Set<DuplicateScanState>().AsNoTracking().SingleAsync(ct);
        return new DuplicateScanStatus(state.LeaseUntil > clock.GetUtcNow().UtcDateTime, state.LastStartedAt, state.LastFinishedAt,
            state.LastCustomers, state.LastPairsCompared, state.LastPairsFound,
            JsonSerializer.Deserialize<List<string>>(state.LastSkippedBlocks, JsonSerializerOptions.Web) ?? []);
    }

    private async Task<DuplicateScanResult?> Run(TimeSpan every, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = now - every;
        var until = now + Lease;
        var claimed = await db.Set<DuplicateScanState>()
            .Where(s => s.Id == DuplicateScanState.SingletonId && (s.LeaseUntil == null || s.LeaseUntil < now)
                        && (s.LastStartedAt == null || s.LastStartedAt <= due))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, node).SetProperty(x => x.LeaseUntil, until)
                .SetProperty(x => x.LastStartedAt, now), ct);
        if (claimed == 0) return null;
        DuplicateScanResult? result = null;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<DuplicateScan>().Run(ct);
            return result;
        }
        finally
        {
            // A failed scan only gives up its lease: the figures stay those of the last scan that finished.
            var mine = db.Set<DuplicateScanState>().Where(s => s.Id == DuplicateScanState.SingletonId && s.LeaseOwner == node);
            if (result is null)
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null),
                    CancellationToken.None);
            else
            {
                var finished = clock.GetUtcNow().UtcDateTime;
                var skipped = JsonSerializer.Serialize(result.SkippedBlocks, JsonSerializerOptions.Web);
                if (skipped.Length > 4000) skipped = JsonSerializer.Serialize(result.SkippedBlocks.Take(10), JsonSerializerOptions.Web);
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null)
                    .SetProperty(x => x.LastFinishedAt, finished)
                    .SetProperty(x => x.LastCustomers, result.Customers)
                    .SetProperty(x => x.LastPairsCompared, result.PairsCompared)
                    .SetProperty(x => x.LastPairsFound, result.PairsFound)
                    .SetProperty(x => x.LastSkippedBlocks, skipped), CancellationToken.None);
            }
        }
    }
}
