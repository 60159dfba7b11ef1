using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Jobs;

/// <summary>
/// The one lease mechanism of Keqing's background work (ADR 0002, addendum): a lease on a job, or on one item of a job's
/// queue, is a row of <c>infra_job_leases</c> taken with one atomic statement, renewed while the work runs, and given
/// back when it ends. Whoever holds an unexpired lease is the only one working on that job or item, on any number of
/// nodes; a node that dies leaves its lease to expire.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> log)
{
    public const string Table = "infra_job_leases";

    private readonly string node = $"{Environment.MachineName}/{Environment.ProcessId}";

    internal TimeProvider Clock => clock;
    internal ILogger Log => log;

    /// <summary>The unexpired leases of <paramref name="job"/>, for a query that skips the items someone holds.</summary>
    public static IQueryable<JobLease> Held(KeqingDb db, string job, DateTime now) =>
        db.Set<JobLease>().Where(l => l.Job == job && l.ExpiresAt >= now);

    /// <summary>
    /// Takes the lease on <paramref name="job"/>'s <paramref name="item"/> (<see cref="Guid.Empty"/>: the job itself) for
    /// <paramref name="length"/>, renewed in the background until the returned lease is disposed; null while someone
    /// else's lease on it has not expired.
    /// </summary>
    public async Task<HeldLease?> TryAcquireAsync(string job, Guid item, TimeSpan length, CancellationToken ct)
    {
        var owner = $"{Guid.NewGuid():N}@{node}";
        if (owner.Length > 100) owner = owner[..100];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        // One statement takes a free lease or one that has expired. On PostgreSQL a concurrent taker waits for the row
        // lock and then re-checks the WHERE, so of two nodes only one gets it; SQLite runs one writer at a time.
        var taken = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO infra_job_leases ("Job", "Item", "Owner", "AcquiredAt", "ExpiresAt")
            VALUES ({job}, {item}, {owner}, {now}, {until})
            ON CONFLICT ("Job", "Item") DO UPDATE
            SET "Owner" = excluded."Owner", "AcquiredAt" = excluded."AcquiredAt", "ExpiresAt" = excluded."ExpiresAt"
            WHERE infra_job_leases."ExpiresAt" < {now}
            """, ct);
        return taken == 1 ? new HeldLease(this, job, item, owner, length) : null;
    }

    /// <summary>Extends the lease from now if it is still the owner's and has not expired; false when it was lost.</summary>
    internal async Task<bool> Renew(HeldLease lease, KeqingDb? within, CancellationToken ct)
    {
        if (within is not null) return await Renew(within, lease, ct);
        await using var scope = scopes.CreateAsyncScope();
        return await Renew(scope.ServiceProvider.GetRequiredService<KeqingDb>(), lease, ct);
    }

    private async Task<bool> Renew(KeqingDb db, HeldLease lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease.Length;
        return await db.Set<JobLease>()
            .Where(l => l.Job == lease.Job && l.Item == lease.Item && l.Owner == lease.Owner && l.ExpiresAt >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    /// <summary>Gives the lease back (deletes its row if it is still the owner's).</summary>
    internal async Task Release(HeldLease lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<JobLease>()
            .Where(l => l.Job == lease.Job && l.Item == lease.Item && l.Owner == lease.Owner)
            .ExecuteDeleteAsync(CancellationToken.None);
    }
}
