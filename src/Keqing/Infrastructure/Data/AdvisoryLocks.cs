using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// Serialises work on the same keys (a phone number, an email) across requests for the rest of the caller's
/// transaction: on PostgreSQL, transaction-scoped advisory locks on the keys' hashes, taken in one statement in a fixed
/// order (so two callers with overlapping keys cannot deadlock); on SQLite nothing more is needed, since a transaction
/// there holds the database's write lock from its start (Microsoft.Data.Sqlite begins it IMMEDIATE).
/// </summary>
public static class AdvisoryLocks
{
    public static async Task Take(DbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Advisory locks need the caller's transaction.");
        if (!db.Database.IsNpgsql()) return;
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (ordered.Length == 0) return;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest({ordered}) AS k", ct);
    }
}
