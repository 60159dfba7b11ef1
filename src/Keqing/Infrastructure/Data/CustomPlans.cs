using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// Runs reads whose best plan depends on the values searched for (a search pattern, a key array, a limit) with
/// PostgreSQL's custom plans. Npgsql prepares a statement it has run five times; after five more executions
/// PostgreSQL may switch the prepared statement to a generic plan, costed without the values, and keep it for the
/// connection's life — for a trigram search, a sequential scan of the whole table (issue 18, ADR 0004 addendum).
/// On PostgreSQL the reads run in a transaction with <c>SET LOCAL plan_cache_mode = force_custom_plan</c> (or in the
/// caller's transaction, which then keeps the setting until it ends); on SQLite they just run.
/// </summary>
public static class CustomPlans
{
    public static async Task<T> Run<T>(DbContext db, Func<Task<T>> reads, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return await reads();
        if (db.Database.CurrentTransaction is not null)
        {
            await Use(db, ct);
            return await reads();
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await Use(db, ct);
            var result = await reads();
            await transaction.CommitAsync(ct);
            return result;
        });
    }

    private static Task<int> Use(DbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
}
