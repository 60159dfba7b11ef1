using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Keqing.Modules.Pools.Features;

/// <summary>What one recycle run did.</summary>
public sealed record RecycleOutcome(int Moved, int Warned);

/// <summary>
/// One run of the recycle job (ADR 0080), in one transaction: first the due sets' refresh (<see cref="RecycleDueSets"/>),
/// then for each pool and each of its rules, one set-based statement per reason, reading only its due set's index
/// range, marks the customers meeting it as in the pool (an upsert of this module's state row that only
/// takes a customer not in a pool and not locked, so two runs at once move a customer once: the later run's upsert
/// waits for the earlier's row and then finds it taken); then one bulk insert writes the history of this run's moves,
/// one statement clears their owners, and one bulk write (<see cref="PoolTimeline.Recycled"/>) gives each move its
/// timeline entry, all in the run's transaction. Owners of customers within the notice window are warned once per
/// customer and due time.
/// </summary>
public sealed class RecycleCustomers(KeqingDb db, TimeProvider clock, PoolTimeline timeline, INotifier notifier)
{
    private const string PoolRecycleJobName = "pools.recycle";

    public async Task<RecycleOutcome> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = Guid.NewGuid();
        var postgres = db.Database.IsNpgsql();
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ArchivedAt == null)
            .Include(p => p.Rules).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The cutoffs are parameters over skewed ranges: planned for their values (see CustomPlans). The statements are
        // costed high for their row counts but simple: compiling them (JIT) cost more than it saved.
        if (postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off", ct);
        // Runs that meet (the lease aside) take turns: the due sets' refresh updates rows in no set order.
        await AdvisoryLocks.Take(db, [PoolRecycleJobName], ct);
        var changedSince = await RecycleDueSets.ChangedSince(db, now, ct);
        await RecycleDueSets.Refresh(db, pools, now, changedSince, ct);
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
        var moved = moves.Count;
        if (moved > 0)
        {
            await BulkInsert.Rows(db, moves, ct);
            await db.Database.ExecuteSqlRawAsync(ClearOwners, [Guid.Empty, now, run], ct);
            await timeline.Recycled(moves, pools.ToDictionary(p => p.Id, p => p.Name), ct);
        }
        var warned = await Warn(pools, now, ct);
        await Record(run, now, changedSince is null, moved, warned, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RecycleOutcome(moved, warned);
    }

    /// <summary>
    /// Only the due sets' refresh (<see cref="RecycleDueSets"/>), committed: what the first run after an upgrade does
    /// before it moves anyone (the bench times it apart).
    /// </summary>
    public async Task RefreshDueSets(CancellationToken ct)
    {
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ArchivedAt == null).Include(p => p.Rules).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AdvisoryLocks.Take(db, [PoolRecycleJobName], ct);
        await RecycleDueSets.Refresh(db, pools, now, null, ct);
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
            FROM pools_customers s {CustomerOfRow()}
            WHERE {InReach(q, reason, cutoff)} AND {Candidates(q, poolId, rule)} AND {Overdue(q, reason, cutoff)}
            ORDER BY c."Id"
            ON CONFLICT ("CustomerId") DO UPDATE SET "PoolId" = excluded."PoolId", "InPoolSince" = excluded."InPoolSince",
                "Reason" = excluded."Reason", "Note" = NULL, "FromOwnerId" = excluded."FromOwnerId", "RunId" = excluded."RunId", "OwnedSince" = NULL
            WHERE pools_customers."PoolId" IS NULL AND pools_customers."LockedAt" IS NULL
            """;
        return db.Database.ExecuteSqlRawAsync(sql, q.Values, ct);
    }

    /// <summary>
    /// The customer of each state row read from the index range, as <c>c</c>. On PostgreSQL by its key, one row at a time:
    /// joined plainly, the planner hashed the range and read all million customers to match it (mark and warnings at
    /// 50,000 due: 1.7 s that way, 1.0 s by key); the <c>OFFSET 0</c> keeps the lateral lookup from being turned back
    /// into that join. SQLite always looks up by key.
    /// </summary>
    private string CustomerOfRow() => db.Database.IsNpgsql()
        ? $"""CROSS JOIN LATERAL (SELECT c."Id", c."OwnerId", c."TeamId", c."Grade", c."ArchivedAt", c."CreatedAt" FROM {ForeignTables.Customers} c WHERE c."Id" = s."CustomerId" OFFSET 0) c"""
        : $"JOIN {ForeignTables.Customers} c ON c.\"Id\" = s.\"CustomerId\"";

    /// <summary>Raw SQL's positional parameters: <see cref="Add"/> gives the placeholder of a value.</summary>
    private sealed class SqlParameters
    {
        public List<object> Values { get; } = [];

        public string Add(object value)
        {
            Values.Add(value);
            return "{" + (Values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
    }

    /// <summary>
    /// The index range a reason's due set lies in (<see cref="RecycleDueSets"/>): the row's clock started before the
    /// cutoff, or it has no bounds yet. Every customer has a row once the refresh ran, so the range holds every due one.
    /// </summary>
    private static string InReach(SqlParameters q, RecycleReason reason, DateTime cutoff)
    {
        var column = reason == RecycleReason.NoFollowUp ? "\"FollowUpFrom\"" : "\"OwnedFrom\"";
        return $"""s."PoolId" IS NULL AND s."LockedAt" IS NULL AND (s.{column} IS NULL OR s.{column} <= {q.Add(cutoff)})""";
    }

    /// <summary>Owned, live, not locked, not in a pool, of the rule's grade, in the pool's reach, never won, not spared.</summary>
    private static string Candidates(SqlParameters q, Guid poolId, PoolRule rule)
    {
        var pool = q.Add(poolId);
        return $"""
            c."ArchivedAt" IS NULL AND c."OwnerId" <> {q.Add(Guid.Empty)}
            AND (s."CustomerId" IS NULL OR (s."PoolId" IS NULL AND s."LockedAt" IS NULL))
            AND {(rule.Grade is { } grade ? $"c.\"Grade\" = {q.Add(Enum.GetName(grade)!)}" : "c.\"Grade\" IS NULL")}
            AND (c."TeamId" IN (SELECT m."TeamId" FROM pools_members m WHERE m."PoolId" = {pool} AND m."TeamId" IS NOT NULL)
                 OR c."OwnerId" IN (SELECT m."UserId" FROM pools_members m WHERE m."PoolId" = {pool} AND m."UserId" IS NOT NULL))
            AND NOT EXISTS (SELECT 1 FROM {ForeignTables.Opportunities} o WHERE o."CustomerId" = c."Id" AND o."Status" = '{ForeignTables.OpportunityWon}' AND o."ArchivedAt" IS NULL)
            {(rule.SpareOpenOpportunities
                ? $"AND NOT EXISTS (SELECT 1 FROM {ForeignTables.Opportunities} o WHERE o.\"CustomerId\" = c.\"Id\" AND o.\"Status\" = '{ForeignTables.OpportunityOpen}' AND o.\"ArchivedAt\" IS NULL)"
                : "")}
            """;
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

    /// <summary>A customer inside a rule's notice window, as the warning query reads it: its clock bounds and its last warning.</summary>
    public sealed class WarnCandidate
    {
        public Guid CustomerId { get; set; }
        public Guid OwnerId { get; set; }
        public DateTime? OwnedFrom { get; set; }
        public DateTime? FollowUpFrom { get; set; }
        public DateTime? WarnedDueAt { get; set; }
    }

    /// <summary>
    /// Warns the owners of the customers inside a rule's notice window, once per customer and due time. The window lies
    /// within the due sets' reach, whose bounds the refresh has just set to the truth (the later of the owner getting the
    /// customer and its last follow-up; the owner getting it): the due times come from the bounds, read by index range,
    /// and a customer already warned of the same due time is not warned again.
    /// </summary>
    private async Task<int> Warn(List<Pool> pools, DateTime now, CancellationToken ct)
    {
        var warned = new Dictionary<(Guid Owner, Guid Pool), (int Count, DateTime First, string Pool)>();
        var seen = new HashSet<Guid>();
        foreach (var pool in pools)
            foreach (var rule in pool.Rules.Where(r => r.NoticeDays > 0).OrderBy(r => r.Grade))
            {
                var q = new SqlParameters();
                var within = new List<string>();
                if (rule.DaysWithoutFollowUp is { } f)
                    within.Add($"({InReach(q, RecycleReason.NoFollowUp, now.AddDays(rule.NoticeDays - f))})");
                if (rule.DaysWithoutWonDeal is { } d)
                    within.Add($"({InReach(q, RecycleReason.NoWonDeal, now.AddDays(rule.NoticeDays - d))})");
                if (within.Count == 0) continue;
                var sql = $"""
                    SELECT c."Id" AS "CustomerId", c."OwnerId" AS "OwnerId", s."OwnedFrom" AS "OwnedFrom", s."FollowUpFrom" AS "FollowUpFrom",
                        (SELECT MAX(w."DueAt") FROM pools_warnings w WHERE w."CustomerId" = s."CustomerId") AS "WarnedDueAt"
                    FROM pools_customers s {CustomerOfRow()}
                    WHERE ({string.Join(" OR ", within)}) AND {Candidates(q, pool.Id, rule)}
                    """;
                var candidates = await db.Database.SqlQueryRaw<WarnCandidate>(sql, q.Values.ToArray()).ToListAsync(ct);
                var due = new List<(Guid Customer, Guid Owner, DateTime DueAt)>();
                foreach (var c in candidates)
                {
                    if (c.OwnedFrom is not { } owned || c.FollowUpFrom is not { } followUpFrom || !seen.Add(c.CustomerId)) continue;
                    // The later of the owner getting it and its last follow-up is the follow-up clock's start: the same due times.
                    var facts = new CustomerFacts(rule.Grade, false, false, false, Utc(owned), Utc(followUpFrom));
                    if (RecycleRules.Decide(facts, rule.ToRule(), now) is RecycleDecision.Warn warn
                        && (c.WarnedDueAt is not { } lastDue || Utc(lastDue) != warn.DueAt))
                        due.Add((c.CustomerId, c.OwnerId, warn.DueAt));
                }
                foreach (var (_, owner, dueAt) in await RecordWarnings(due, pool.Id, now, ct))
                {
                    var key = (owner, pool.Id);
                    warned[key] = warned.TryGetValue(key, out var w)
                        ? (w.Count + 1, dueAt < w.First ? dueAt : w.First, pool.Name)
                        : (1, dueAt, pool.Name);
                }
            }
        // One notification per owner and pool, all at once: each owner's channels and preferences are read once.
        await notifier.NotifyMany([.. warned.Select(w => new NotificationRequest(EventTypes.CustomerPoolWarning, w.Key.Owner,
            "Customers returning to the pool", "{0} of your customers return to the pool {1} from {2} unless you follow them up.", "/customers",
            [w.Value.Count, w.Value.Pool, w.Value.First]))], ct);
        return warned.Values.Sum(v => v.Count);
    }

    /// <summary>Records the warnings not yet given (once per customer and due time) and returns those.</summary>
    private async Task<List<(Guid Customer, Guid Owner, DateTime DueAt)>> RecordWarnings(List<(Guid Customer, Guid Owner, DateTime DueAt)> due,
        Guid poolId, DateTime now, CancellationToken ct)
    {
        var recorded = new List<(Guid Customer, Guid Owner, DateTime DueAt)>();
        if (due.Count == 0) return recorded;
        if (!db.Database.IsNpgsql())
        {
            foreach (var d in due)
                if (await db.Database.ExecuteSqlRawAsync(
                        """INSERT INTO pools_warnings ("CustomerId", "DueAt", "OwnerId", "PoolId", "WarnedAt") VALUES ({0}, {1}, {2}, {3}, {4}) ON CONFLICT DO NOTHING""",
                        [d.Customer, d.DueAt, d.Owner, poolId, now], ct) > 0)
                    recorded.Add(d);
            return recorded;
        }
        // One statement for all of a rule's warnings: a round trip each costs seconds at 50,000.
        var byCustomer = due.ToDictionary(d => d.Customer);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO pools_warnings ("CustomerId", "DueAt", "OwnerId", "PoolId", "WarnedAt")
            SELECT w.c, w.d, w.o, @pool, @now FROM unnest(@customers, @dues, @owners) AS w(c, d, o)
            ON CONFLICT DO NOTHING RETURNING "CustomerId"
            """;
        command.Parameters.Add(new NpgsqlParameter("pool", poolId));
        command.Parameters.Add(new NpgsqlParameter("now", now));
        command.Parameters.Add(new NpgsqlParameter("customers", due.Select(d => d.Customer).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("dues", due.Select(d => d.DueAt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("owners", due.Select(d => d.Owner).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) recorded.Add(byCustomer[reader.GetGuid(0)]);
        return recorded;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
