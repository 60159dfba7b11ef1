using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using static Keqing.Modules.Pools.Features.RecycleSql;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// The recycle job's warnings (ADR 0080), in the run's transaction after its moves: the owners of the customers inside
/// a rule's notice window are warned once per customer and due time, one notification per owner and pool. The window
/// lies within the due sets' reach, whose bounds the run has just refreshed to the truth (<c>FollowUpFrom</c>: the later
/// of the owner getting the customer and its last follow-up; <c>OwnedFrom</c>: the owner getting it), so the due times
/// come from the bounds, read by index range. A customer already warned of the same due time is not warned again (the
/// warnings' key), nor one this run warned for another pool.
/// </summary>
public sealed class RecycleWarnings(KeqingDb db, INotifier notifier)
{
    /// <summary>Warns whom the rules of <paramref name="pools"/> say at <paramref name="now"/>; returns how many customers.</summary>
    public async Task<int> Run(IReadOnlyList<Pool> pools, DateTime now, CancellationToken ct)
    {
        var warned = new Dictionary<(Guid Owner, Guid Pool), (int Count, DateTime First, string Pool)>();
        foreach (var pool in pools)
            foreach (var rule in pool.Rules.Where(r => r.NoticeDays > 0 && (r.DaysWithoutFollowUp is not null || r.DaysWithoutWonDeal is not null))
                         .OrderBy(r => r.Grade))
            {
                var recorded = db.Database.IsNpgsql() ? await RecordInSql(pool.Id, rule, now, ct) : await RecordByRules(pool.Id, rule, now, ct);
                foreach (var (owner, count, first) in recorded)
                {
                    var key = (owner, pool.Id);
                    warned[key] = warned.TryGetValue(key, out var w)
                        ? (w.Count + count, first < w.First ? first : w.First, pool.Name)
                        : (count, first, pool.Name);
                }
            }
        // One notification per owner and pool, all at once: each owner's channels and preferences are read once.
        await notifier.NotifyMany([.. warned.Select(w => new NotificationRequest(EventTypes.CustomerPoolWarning, w.Key.Owner,
            "Customers returning to the pool", "{0} of your customers return to the pool {1} from {2} unless you follow them up.", "/customers",
            [w.Value.Count, w.Value.Pool, w.Value.First]))], ct);
        return warned.Values.Sum(v => v.Count);
    }

    /// <summary>
    /// The rule's candidates within a reason's notice window and due by neither reason yet, not warned by this run for
    /// another pool. Rows without bounds (written after the refresh) wait for the next run.
    /// </summary>
    private static string InNoticeWindow(SqlParameters q, Guid poolId, PoolRule rule, DateTime now)
    {
        var within = new List<string>();
        var notDue = new List<string>();
        if (rule.DaysWithoutFollowUp is { } f)
        {
            within.Add($"({InReach(q, RecycleReason.NoFollowUp, now.AddDays(rule.NoticeDays - f))})");
            notDue.Add($"s.\"FollowUpFrom\" > {q.Add(now.AddDays(-f))}");
        }
        if (rule.DaysWithoutWonDeal is { } d)
        {
            within.Add($"({InReach(q, RecycleReason.NoWonDeal, now.AddDays(rule.NoticeDays - d))})");
            notDue.Add($"s.\"OwnedFrom\" > {q.Add(now.AddDays(-d))}");
        }
        return $"""
            ({string.Join(" OR ", within)}) AND {string.Join(" AND ", notDue)} AND s."OwnedFrom" IS NOT NULL
            AND {Candidates(q, poolId, rule)}
            AND NOT EXISTS (SELECT 1 FROM pools_warnings w WHERE w."CustomerId" = s."CustomerId" AND w."WarnedAt" = {q.Add(now)} AND w."PoolId" <> {q.Add(poolId)})
            """;
    }

    /// <summary>
    /// PostgreSQL: one statement per rule records the warnings and counts them per owner, the due time computed as
    /// <see cref="RecycleRules"/> does (the job's tests compare the two): <c>DaysWithoutFollowUp</c> after the later of
    /// the bounds, <c>DaysWithoutWonDeal</c> after the owner got it, the earlier of the two; whole days of 24 hours.
    /// </summary>
    private async Task<List<(Guid Owner, int Count, DateTime First)>> RecordInSql(Guid poolId, PoolRule rule, DateTime now, CancellationToken ct)
    {
        var q = new SqlParameters();
        var dues = new List<string>();
        if (rule.DaysWithoutFollowUp is { } f) dues.Add($"""GREATEST(s."FollowUpFrom", s."OwnedFrom") + make_interval(hours => {Hours(f)})""");
        if (rule.DaysWithoutWonDeal is { } d) dues.Add($"""s."OwnedFrom" + make_interval(hours => {Hours(d)})""");
        var sql = $"""
            WITH recorded AS (
                INSERT INTO pools_warnings ("CustomerId", "DueAt", "OwnerId", "PoolId", "WarnedAt")
                SELECT s."CustomerId", LEAST({string.Join(", ", dues)}), c."OwnerId", {q.Add(poolId)}, {q.Add(now)}
                FROM pools_customers s {CustomerOfRow(db)}
                WHERE {InNoticeWindow(q, poolId, rule, now)}
                ON CONFLICT DO NOTHING
                RETURNING "OwnerId", "DueAt"
            )
            SELECT "OwnerId" AS "Owner", count(*)::int AS "Count", min("DueAt") AS "First" FROM recorded GROUP BY "OwnerId"
            """;
        return [.. (await db.Database.SqlQueryRaw<OwnerWarnings>(sql, q.Values.ToArray()).ToListAsync(ct))
            .Select(o => (o.Owner, o.Count, Utc(o.First)))];
    }

    /// <summary>SQLite: the candidates read, <see cref="RecycleRules"/> deciding each due time, a warning recorded per row.</summary>
    private async Task<List<(Guid Owner, int Count, DateTime First)>> RecordByRules(Guid poolId, PoolRule rule, DateTime now, CancellationToken ct)
    {
        var q = new SqlParameters();
        var sql = $"""
            SELECT c."Id" AS "CustomerId", c."OwnerId" AS "OwnerId", s."OwnedFrom" AS "OwnedFrom", s."FollowUpFrom" AS "FollowUpFrom"
            FROM pools_customers s {CustomerOfRow(db)}
            WHERE {InNoticeWindow(q, poolId, rule, now)}
            """;
        var recorded = new List<(Guid Owner, DateTime DueAt)>();
        foreach (var c in await db.Database.SqlQueryRaw<WarnCandidate>(sql, q.Values.ToArray()).ToListAsync(ct))
        {
            var facts = new CustomerFacts(rule.Grade, false, false, false, Utc(c.OwnedFrom), Utc(c.FollowUpFrom));
            if (RecycleRules.Decide(facts, rule.ToRule(), now) is RecycleDecision.Warn warn
                && await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO pools_warnings ("CustomerId", "DueAt", "OwnerId", "PoolId", "WarnedAt") VALUES ({0}, {1}, {2}, {3}, {4}) ON CONFLICT DO NOTHING""",
                    [c.CustomerId, warn.DueAt, c.OwnerId, poolId, now], ct) > 0)
                recorded.Add((c.OwnerId, warn.DueAt));
        }
        return [.. recorded.GroupBy(r => r.Owner).Select(g => (g.Key, g.Count(), g.Min(r => r.DueAt)))];
    }

    private static string Hours(int days) => (days * 24).ToString(CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>A customer inside a rule's notice window, as SQLite reads it: its clock bounds.</summary>
    public sealed class WarnCandidate
    {
        public Guid CustomerId { get; set; }
        public Guid OwnerId { get; set; }
        public DateTime OwnedFrom { get; set; }
        public DateTime FollowUpFrom { get; set; }
    }

    /// <summary>How many warnings one statement recorded for an owner, and the earliest due time among them.</summary>
    public sealed class OwnerWarnings
    {
        public Guid Owner { get; set; }
        public int Count { get; set; }
        public DateTime First { get; set; }
    }
}
