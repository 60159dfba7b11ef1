using System.Globalization;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// What the recycle job's moves (<see cref="RecycleCustomers"/>) and warnings (<see cref="RecycleWarnings"/>) say alike:
/// the index range of a reason's due set, and the customers a pool's rule applies to.
/// </summary>
internal static class RecycleSql
{
    /// <summary>
    /// The customer of each state row read from the index range, as <c>c</c>. On PostgreSQL by its key, one row at a time:
    /// joined plainly, the planner hashed the range and read all million customers to match it (mark and warnings at
    /// 50,000 due: 1.7 s that way, 1.0 s by key); the <c>OFFSET 0</c> keeps the lateral lookup from being turned back
    /// into that join. SQLite always looks up by key.
    /// </summary>
    public static string CustomerOfRow(DbContext db) => db.Database.IsNpgsql()
        ? $"""CROSS JOIN LATERAL (SELECT c."Id", c."OwnerId", c."TeamId", c."Grade", c."ArchivedAt", c."CreatedAt" FROM {ForeignTables.Customers} c WHERE c."Id" = s."CustomerId" OFFSET 0) c"""
        : $"JOIN {ForeignTables.Customers} c ON c.\"Id\" = s.\"CustomerId\"";

    /// <summary>
    /// The index range a reason's due set lies in (<see cref="RecycleDueSets"/>): the row's clock started before the
    /// cutoff, or it has no bounds yet. Every customer has a row once the refresh ran, so the range holds every due one.
    /// </summary>
    public static string InReach(SqlParameters q, RecycleReason reason, DateTime cutoff)
    {
        var column = reason == RecycleReason.NoFollowUp ? "\"FollowUpFrom\"" : "\"OwnedFrom\"";
        return $"""s."PoolId" IS NULL AND s."LockedAt" IS NULL AND (s.{column} IS NULL OR s.{column} <= {q.Add(cutoff)})""";
    }

    /// <summary>Owned, live, not locked, not in a pool, of the rule's grade, in the pool's reach, never won, not spared.</summary>
    public static string Candidates(SqlParameters q, Guid poolId, PoolRule rule)
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

    /// <summary>Raw SQL's positional parameters: <see cref="Add"/> gives the placeholder of a value.</summary>
    public sealed class SqlParameters
    {
        public List<object> Values { get; } = [];

        public string Add(object value)
        {
            Values.Add(value);
            return "{" + (Values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
    }
}
