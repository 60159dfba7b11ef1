using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Upkeep of PostgreSQL's customer search indexes after bulk writes (issue 18, ADR 0004 addendum); no-ops on SQLite.
/// A GIN index collects new entries in a pending list that every search reads in full until VACUUM, autovacuum or
/// <c>gin_clean_pending_list</c> merges it, and the planner costs the index by statistics only those refresh.
/// Run after the writes committed: an ANALYZE inside a transaction holds its lock to the commit, and autovacuum
/// skips a table it finds locked.
/// </summary>
internal static class CustomerSearchIndexes
{
    /// <summary>Merges the pending lists of the trigram indexes of ADR 0004 into the indexes.</summary>
    public static async Task MergePendingLists(KeqingDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("""
                SELECT gin_clean_pending_list('"IX_customers_SearchName_trgm"'::regclass),
                       gin_clean_pending_list('"IX_customers_PinyinKeys_trgm"'::regclass)
                """, ct);
    }

    /// <summary>Refreshes the planner's statistics of the tables a bulk write grows.</summary>
    public static async Task RefreshStatistics(KeqingDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("ANALYZE customers, customers_lookups, customers_contacts", ct);
    }

    /// <summary>After a bulk write has committed: the pending lists merged, then the statistics refreshed.</summary>
    public static async Task AfterBulkWrite(KeqingDb db, CancellationToken ct)
    {
        await MergePendingLists(db, ct);
        await RefreshStatistics(db, ct);
    }
}
