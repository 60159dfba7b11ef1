using Keqing.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// Applies pending migrations at start-up (and for <c>--migrate-only</c>), then seals audit rows written before the
/// hash chain existed (<see cref="AuditChainSealer"/>).
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes; busy_timeout waits instead of failing.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
        await AuditChainSealer.SealAsync(db, ct);
    }
}
