using Keqing.Infrastructure.Data;

namespace Keqing.Infrastructure.Jobs;

/// <summary>
/// A lease this node holds (see <see cref="JobLeases"/>): renewed in the background every third of its length until
/// disposed, which gives it back. Work under it calls <see cref="RenewAsync(CancellationToken)"/> before each message or
/// batch and stops when that says the lease was lost (it expired, or another node took it after it expired).
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly JobLeases leases;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task heartbeat;

    internal HeldLease(JobLeases leases, string job, Guid item, string owner, TimeSpan length)
    {
        this.leases = leases;
        Job = job;
        Item = item;
        Owner = owner;
        Length = length;
        heartbeat = Heartbeat();
    }

    public string Job { get; }
    public Guid Item { get; }
    public string Owner { get; }
    public TimeSpan Length { get; }

    /// <summary>Cancelled when a renewal finds the lease lost, for work that cannot check between steps.</summary>
    public CancellationToken Lost => lost.Token;

    /// <summary>Renews the lease now; false when it was lost — then the caller must not start anything more under it.</summary>
    public Task<bool> RenewAsync(CancellationToken ct) => RenewAsync(null, ct);

    /// <summary>
    /// Renews the lease through <paramref name="within"/>, so that in its transaction the work commits only while the lease
    /// holds (on PostgreSQL the renewed row stays locked until the commit, and no one can take it meanwhile).
    /// </summary>
    public async Task<bool> RenewAsync(KeqingDb? within, CancellationToken ct)
    {
        if (lost.IsCancellationRequested) return false;
        if (await leases.Renew(this, within, ct)) return true;
        leases.Log.LogWarning("The lease on {Job} {Item} was lost", Job, Item);
        await lost.CancelAsync();
        return false;
    }

    private async Task Heartbeat()
    {
        var period = Length / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, leases.Clock, stop.Token);
                if (!await RenewAsync(stop.Token)) return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be back before the lease runs out; if not, the next renewal finds it lost.
                leases.Log.LogWarning(e, "Renewing the lease on {Job} {Item} failed", Job, Item);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await heartbeat;
        if (!lost.IsCancellationRequested) await leases.Release(this);
        stop.Dispose();
        lost.Dispose();
    }
}
