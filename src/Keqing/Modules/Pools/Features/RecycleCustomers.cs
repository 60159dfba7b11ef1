using Keqing.Infrastructure.Data;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static Keqing.Modules.Pools.Features.RecycleSql;

namespace Keqing.Modules.Pools.Features;

/// <summary>What one recycle run did.</summary>
public sealed record RecycleOutcome(int Moved, int Warned);

/// <summary>
/// One run of the recycle job (ADR 0080), in one transaction. For each pool and each of its rules, one set-based
/// statement per reason, reading only its due set's index range (<see cref="RecycleDueSets"/>), marks the customers
/// meeting it as in the pool (an upsert of this module's state row that only takes a customer not in a pool and not
/// locked, so two runs at once move a customer once: the later run's upsert waits for the earlier's row and then finds
/// it taken); then one bulk insert writes the history of this run's moves, one statement clears their owners, and one
/// bulk write (<see cref="PoolTimeline.Recycled"/>) gives each move its timeline entry. The due sets' bounds are
/// refreshed after the moves, so only the customers left in reach are read again, and <see cref="RecycleWarnings"/>
/// then warns the owners of those within a notice window.
/// </summary>
public sealed class RecycleCustomers(KeqingDb db, TimeProvider clock, PoolTimeline timeline, RecycleWarnings warnings)
{
    private const string PoolRecycleJobName = "pools.recycle";

    public async Task<RecycleOutcome> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = Guid.NewGuid();
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ArchivedAt == null)
            .Include(p => p.Rules).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);

        await using var tx = await Begin(ct);
        var changedSince = await RecycleDueSets.ChangedSince(db, now, ct);
        // New customers get their rows first: the marks read the due sets' index ranges. The bounds there are lower bounds
        // of when each clock started and the marks check the truth, so they need no refresh before.
        await RecycleDueSets.AddNew(db, changedSince, ct);
        var moved = await Move(pools, now, run, ct);
        await RecycleDueSets.Refresh(db, pools, now, ct);
        var warned = await warnings.Run(pools, now, ct);
        await Record(run, now, changedSince is null, moved, warned, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RecycleOutcome(moved, warned);
    }

    /// <summary>
    /// The run's transaction; runs that meet (the lease aside) take turns: the due sets' refresh updates rows in no set
    /// order. The cutoffs are parameters over skewed ranges: planned for their values (see CustomPlans). The statements
    /// are costed high for their row counts but simple: compiling them (JIT) cost more than it saved.
    /// </summary>
    private async Task<IDbContextTransaction> Begin(CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off", ct);
        await AdvisoryLocks.Take(db, [PoolRecycleJobName], ct);
        return tx;
    }

    /// <summary>Moves every customer a rule says is due into its pool, with history, cleared owner and timeline entry; returns how many.</summary>
    private async Task<int> Move(List<Pool> pools, DateTime now, Guid run, CancellationToken ct)
    {
        foreach (var pool in pools)
            foreach (var rule in pool.Rules.OrderBy(r => r.Grade))
            {
                if (rule.DaysWithoutFollowUp is { } f)
                    await MarkInPool(pool.Id, rule, RecycleReason.NoFollowUp, now.AddDays(-f), now, run, ct);
                if (rule.DaysWithoutWonDeal is { } w)
                    await MarkInPool(pool.Id, rule, RecycleReason.NoWonDeal, now.AddDays(-w), now, run, ct);
            }

        // The history of this run's moves: read from the marks, written by one bulk insert (COPY on PostgreSQL).
        var moves = (await db.Set<PoolCustomer>().AsNoTracking().Where(s => s.RunId == run)
                .Select(s => new { s.CustomerId, s.PoolId, s.FromOwnerId, s.Reason }).ToListAsync(ct))
            .Select(s => new PoolMove
            {
                CustomerId = s.CustomerId, Kind = MoveKind.Recycled, PoolId = s.PoolId, FromOwnerId = s.FromOwnerId,
                Reason = s.Reason ?? "", At = now, RunId = run,
            }).ToList();
        if (moves.Count > 0)
        {
            await BulkInsert.Rows(db, moves, ct);
            await db.Database.ExecuteSqlRawAsync(ClearOwners, [Guid.Empty, now, run], ct);
            await timeline.Recycled(moves, pools.ToDictionary(p => p.Id, p => p.Name), ct);
        }
        return moves.Count;
    }

    /// <summary>
    /// Only the due sets' rows and bounds (<see cref="RecycleDueSets"/>), committed: what the first run after an upgrade
    /// does before it moves anyone (the bench times it apart).
    /// </summary>
    public async Task RefreshDueSets(CancellationToken ct)
    {
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ArchivedAt == null).Include(p => p.Rules).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await Begin(ct);
        await RecycleDueSets.AddNew(db, null, ct);
        await RecycleDueSets.Refresh(db, pools, now, ct);
        await Record(Guid.NewGuid(), now, swept: true, 0, 0, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Adds the run's record (the next run's window starts from it) and drops those a month old.</summary>
    private async Task Record(Guid run, DateTime now, bool swept, int moved, int warned, CancellationToken ct)
    {
        var monthAgo = now.AddDays(-30);
        await db.Set<RecycleRun>().Where(r => r.At < monthAgo).ExecuteDeleteAsync(ct);
        db.Add(new RecycleRun { Id = run, At = now, Swept = swept, Moved = moved, Warned = warned });
    }

    private Task MarkInPool(Guid poolId, PoolRule rule, RecycleReason reason, DateTime cutoff, DateTime now, Guid run, CancellationToken ct)
    {
        var q = new SqlParameters();
        var sql = $"""
            INSERT INTO pools_customers ("CustomerId", "PoolId", "InPoolSince", "Reason", "FromOwnerId", "RunId")
            SELECT c."Id", {q.Add(poolId)}, {q.Add(now)}, {q.Add(MoveReasons.Of(reason))}, c."OwnerId", {q.Add(run)}
            FROM pools_customers s {CustomerOfRow(db)}
            WHERE {InReach(q, reason, cutoff)} AND {Candidates(q, poolId, rule)} AND {Overdue(q, reason, cutoff)}
            ORDER BY c."Id"
            ON CONFLICT ("CustomerId") DO UPDATE SET "PoolId" = excluded."PoolId", "InPoolSince" = excluded."InPoolSince",
                "Reason" = excluded."Reason", "Note" = NULL, "FromOwnerId" = excluded."FromOwnerId", "RunId" = excluded."RunId", "OwnedSince" = NULL
            WHERE pools_customers."PoolId" IS NULL AND pools_customers."LockedAt" IS NULL
            """;
        return db.Database.ExecuteSqlRawAsync(sql, q.Values, ct);
    }

    /// <summary>Due for one reason at the cutoff (now minus the rule's days): the same condition as <see cref="RecycleRules"/>.</summary>
    private static string Overdue(SqlParameters q, RecycleReason reason, DateTime cutoff)
    {
        var at = q.Add(cutoff);
        return reason == RecycleReason.NoFollowUp
            ? $"""COALESCE(s."OwnedSince", c."CreatedAt") <= {at} AND NOT EXISTS (SELECT 1 FROM {ForeignTables.Interactions} i WHERE i."CustomerId" = c."Id" AND i."OccurredAt" > {at})"""
            : $"""COALESCE(s."OwnedSince", c."CreatedAt") <= {at}""";
    }

    private const string ClearOwners =
        $$"""UPDATE {{ForeignTables.Customers}} SET "OwnerId" = {0}, "TeamId" = NULL, "UpdatedAt" = {1}, "Version" = "Version" + 1 WHERE "Id" IN (SELECT "CustomerId" FROM pools_customers WHERE "RunId" = {2})""";
}
