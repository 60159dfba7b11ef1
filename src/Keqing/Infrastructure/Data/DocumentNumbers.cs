using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// The numbers people read on documents (Q-2026-000123, SO-2026-000045): a prefix and the count of the numbers already
/// under it, plus one. Two creations at once must not take the same number, so the caller takes it inside the
/// transaction that saves the document: <see cref="Next"/> locks the prefix until that transaction ends (a PostgreSQL
/// advisory lock; a SQLite transaction already holds the write lock). A unique index on the number is the backstop.
/// </summary>
public static class DocumentNumbers
{
    /// <summary>
    /// The next number under <paramref name="prefix"/>, at least six digits. <paramref name="numbers"/> are the numbers
    /// taken, one per document (a quote's revisions share its number: pass its first revisions only).
    /// </summary>
    public static async Task<string> Next(DbContext db, IQueryable<string> numbers, string prefix, CancellationToken ct)
    {
        await AdvisoryLocks.Take(db, [prefix], ct);
        var taken = await numbers.CountAsync(n => n.StartsWith(prefix), ct);
        return prefix + (taken + 1).ToString("D6", CultureInfo.InvariantCulture);
    }
}
