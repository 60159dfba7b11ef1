using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Audit;

/// <summary>The outcome of checking the audit chain: how far it is intact and, if not, the first row that breaks it.</summary>
public sealed record AuditVerification(long RowsChecked, long LastSequence, byte[]? HeadHash, long? BrokenSequence,
    Guid? BrokenRowId, string? Problem)
{
    public bool Intact => Problem is null;

    public string Summary => Intact
        ? $"Keqing audit: chain intact, {RowsChecked} rows, last sequence {LastSequence}, head hash {Hex(HeadHash)}."
        : $"Keqing audit: CHAIN BROKEN at sequence {BrokenSequence} (row {BrokenRowId?.ToString() ?? "-"}): {Problem} " +
          $"{RowsChecked} rows checked before it.";

    private static string Hex(byte[]? hash) => hash is null ? "(none)" : Convert.ToHexStringLower(hash);
}

/// <summary>
/// Recomputes the audit chain row by row (<c>--verify-audit</c>): every sequence number present once and in order,
/// every hash equal to SHA-256(previous hash ‖ content), and the head row pointing at the last row.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(KeqingDb db, CancellationToken ct)
    {
        var head = await db.Set<AuditChainHead>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditChainHead.SingleId, ct);
        if (head is null) return new AuditVerification(0, 0, null, 1, null, "the chain head row is missing.");

        var previous = AuditChain.Genesis;
        long expected = 1, checkedRows = 0;
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Sequence != expected)
                return Broken(row.Sequence < expected ? row.Sequence : expected, row.Id,
                    row.Sequence < expected
                        ? "a sequence number appears twice or out of order."
                        : $"row(s) {expected}..{row.Sequence - 1} are missing (deleted).");
            if (!AuditChain.HashOf(previous, row).AsSpan().SequenceEqual(row.Hash))
                return Broken(row.Sequence, row.Id, $"its content or hash was changed ({row.EntityType} {row.EntityId}, {row.Action} at {row.At:O}).");
            previous = row.Hash;
            expected++;
            checkedRows++;
        }

        if (head.LastSequence != checkedRows)
            return Broken(checkedRows + 1, null, $"the chain head says {head.LastSequence} rows but {checkedRows} exist (rows removed from the end?).");
        if (checkedRows > 0 && (head.LastHash is null || !head.LastHash.AsSpan().SequenceEqual(previous)))
            return Broken(checkedRows, null, "the chain head's hash does not match the last row.");
        return new AuditVerification(checkedRows, head.LastSequence, head.LastHash, null, null, null);

        AuditVerification Broken(long sequence, Guid? id, string problem) =>
            new(checkedRows, head.LastSequence, head.LastHash, sequence, id, problem);
    }
}
