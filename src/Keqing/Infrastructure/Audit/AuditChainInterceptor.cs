using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Infrastructure.Audit;

/// <summary>
/// Chains every audit row a save adds, whoever added it: reserves a range of sequence numbers on the
/// <see cref="AuditChainHead"/> row (which locks it until commit), hashes the rows in order and moves the head,
/// all in the save's transaction (its own when the caller has none). See docs/adr/0010-audit-hash-chain.md.
/// </summary>
/// <remarks>Registered after every other interceptor, so audit rows added by any of them are chained too.</remarks>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    private const string Savepoint = "keqing_audit_chain";
    private readonly ConcurrentDictionary<DbContext, IDbContextTransaction> ownTransactions = new();
    /// <summary>
    /// Saves inside a caller's transaction: the head is moved after a savepoint of ours, so a save that fails takes the
    /// head back with it even if the caller goes on and commits (EF's own savepoint is taken after the head moved).
    /// </summary>
    private readonly ConcurrentDictionary<DbContext, IDbContextTransaction> callerTransactions = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) ChainAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await ChainAsync(db, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is not { } db) return result;
        if (ownTransactions.TryRemove(db, out var tx)) { tx.Commit(); tx.Dispose(); }
        if (callerTransactions.TryRemove(db, out var caller)) caller.ReleaseSavepoint(Savepoint);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db) return result;
        if (ownTransactions.TryRemove(db, out var tx))
        {
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }
        if (callerTransactions.TryRemove(db, out var caller)) await caller.ReleaseSavepointAsync(Savepoint, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void RollBack(DbContext? db)
    {
        if (db is null) return;
        if (ownTransactions.TryRemove(db, out var tx)) tx.Dispose(); // disposing rolls back
        if (callerTransactions.TryRemove(db, out var caller)) caller.RollbackToSavepoint(Savepoint);
    }

    private async Task ChainAsync(DbContext db, bool sync, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity).ToList();
        if (pending.Count == 0) return;

        if (db.Database.CurrentTransaction is not { } current)
            ownTransactions[db] = sync ? db.Database.BeginTransaction() : await db.Database.BeginTransactionAsync(ct);
        else
        {
            if (sync) current.CreateSavepoint(Savepoint);
            else await current.CreateSavepointAsync(Savepoint, ct);
            callerTransactions[db] = current;
        }
        try
        {
            await Append(db, pending, sync, ct);
        }
        catch
        {
            RollBack(db); // the save never starts, so EF reports no failure that would end our transaction
            throw;
        }
    }

    private static async Task Append(DbContext db, List<AuditEntry> pending, bool sync, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();

        // Moving the head first takes its row lock (the write lock on SQLite) before anything is read: a concurrent
        // writer waits here until this transaction ends, then continues from the sequence and hash it left.
        await using var reserve = ReserveHead(transaction, pending.Count);
        long last;
        byte[] previous;
        await using (var reader = sync ? reserve.ExecuteReader() : await reserve.ExecuteReaderAsync(ct))
        {
            if (!(sync ? reader.Read() : await reader.ReadAsync(ct)))
                throw new InvalidOperationException("The audit chain head row is missing (infra_audit_chain_head).");
            last = reader.GetInt64(0);
            if (reader.IsDBNull(1) && last > pending.Count)
                throw new InvalidOperationException(
                    "The audit log has rows from before the hash chain that are not sealed yet; start Keqing (or run --migrate-only) to seal them.");
            previous = reader.IsDBNull(1) ? AuditChain.Genesis : (byte[])reader.GetValue(1);
        }

        var sequence = last - pending.Count;
        foreach (var entry in pending.OrderBy(e => e.At).ThenBy(e => e.Id))
        {
            entry.Sequence = ++sequence;
            entry.At = AuditChain.ToStoredPrecision(entry.At);
            entry.Hash = AuditChain.HashOf(previous, entry);
            previous = entry.Hash;
        }

        await using var move = MoveHead(transaction, previous);
        if (sync) move.ExecuteNonQuery();
        else await move.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Moves the head's sequence on by <paramref name="count"/> (0: only takes its lock) and returns the new sequence and
    /// the last hash; the row lock (SQLite: the write lock) holds until the transaction ends.
    /// </summary>
    internal static DbCommand ReserveHead(DbTransaction transaction, long count) => Command(transaction, """
        UPDATE infra_audit_chain_head SET "LastSequence" = "LastSequence" + @count WHERE "Id" = 1
        RETURNING "LastSequence", "LastHash"
        """, ("count", count));

    /// <summary>Records the hash of the last row appended.</summary>
    internal static DbCommand MoveHead(DbTransaction transaction, byte[] hash) =>
        Command(transaction, """UPDATE infra_audit_chain_head SET "LastHash" = @hash WHERE "Id" = 1""", ("hash", hash));

    internal static DbCommand Command(DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
