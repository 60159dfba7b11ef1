using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Infrastructure.Audit;

/// <summary>
/// Hashes the audit rows written before the chain existed. The SecurityHardening migration numbered them 1…n in the
/// order they were written and set the head's LastSequence to n, but left their Hash empty and the head's LastHash
/// null: SHA-256 is computed here, at start-up after migrations, before anything new is appended (the
/// <see cref="AuditChainInterceptor"/> refuses to append while the head has rows but no hash).
/// See docs/adr/0010-audit-hash-chain.md, "Existing databases".
/// </summary>
public static class AuditChainSealer
{
    private const int BatchSize = 1000;

    /// <summary>Seals every row with an empty hash, in one transaction holding the chain head; returns how many.</summary>
    public static async Task<long> SealAsync(KeqingDb db, CancellationToken ct)
    {
        // Cheap check on every start: only an upgraded, not yet sealed log has rows counted on the head but no hash.
        var head = await db.Set<AuditChainHead>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditChainHead.SingleId, ct);
        if (head is null || head.LastSequence == 0 || head.LastHash is not null) return 0;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = tx.GetDbTransaction();
        // Take the head's lock as every appender does; another node starting at the same time waits here (for as long
        // as sealing takes), then finds the head hashed and does nothing.
        await using (var lockHead = AuditChainInterceptor.ReserveHead(transaction, 0))
        {
            lockHead.CommandTimeout = 3600;
            await using var reader = await lockHead.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.GetInt64(0) == 0 || !reader.IsDBNull(1)) return 0;
        }

        await using var fill = AuditChainInterceptor.Command(transaction,
            """UPDATE infra_audit_entries SET "Hash" = @hash WHERE "Sequence" = @sequence""",
            ("hash", Array.Empty<byte>()), ("sequence", 0L));
        var previous = AuditChain.Genesis;
        long after = 0, sealedRows = 0;
        while (true)
        {
            // Keyset batches keep memory bounded however long the log is.
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence)
                .Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var row in batch)
            {
                if (row.Hash.Length == 0)
                {
                    row.Hash = AuditChain.HashOf(previous, row);
                    fill.Parameters["hash"].Value = row.Hash;
                    fill.Parameters["sequence"].Value = row.Sequence;
                    await fill.ExecuteNonQueryAsync(ct);
                    sealedRows++;
                }
                previous = row.Hash;
                after = row.Sequence;
            }
        }

        await using (var move = AuditChainInterceptor.MoveHead(transaction, previous))
            await move.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return sealedRows;
    }
}
