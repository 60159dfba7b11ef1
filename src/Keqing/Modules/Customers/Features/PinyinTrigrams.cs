using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Which trigrams of a pinyin search PostgreSQL's trigram index is asked for (issue 18, ADR 0004 addendum). Pinyin has
/// 26 letters, so some trigrams are in most keys (<c>ang</c> is in every <c>…youxiangongsi</c>): for
/// <c>LIKE '%fangjinpeng%'</c> the index decodes and intersects all nine posting lists, ~300,000 entries at 200,000
/// customers, to find 17 rows. Asking only for the trigrams in at most <see cref="CommonShare"/> of the keys, and
/// checking the whole term on the few rows they give, finds the same rows reading a third to half the pages. How common a
/// trigram is comes from the planner's own sample of the column (<c>pg_stats</c>, refreshed by ANALYZE), read again
/// every <see cref="Refresh"/>.
/// </summary>
public sealed class PinyinTrigrams(TimeProvider clock)
{
    /// <summary>A trigram in a larger share of the sampled keys than this is left to the check of the whole term.</summary>
    public const double CommonShare = 0.10;

    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    private volatile KeySample? sample;

    /// <summary>The sampled <c>PinyinKeys</c> values, each with the share of rows it stands for.</summary>
    public sealed record KeySample(DateTimeOffset ReadAt, IReadOnlyList<(string Value, double Share)> Keys);

    /// <summary>
    /// The trigrams of <paramref name="pinyin"/> (lower-case letters and digits) to ask the index for; null to ask for
    /// the whole term as before: on SQLite, when the table has no statistics yet, when no trigram is rare (the term
    /// matches most rows anyway) or when all are.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ToAsk(KeqingDb db, string pinyin, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || pinyin.Length < 4) return null; // one trigram: nothing to choose
        var current = sample;
        if (current is null || clock.GetUtcNow() - current.ReadAt >= Refresh)
            sample = current = await Read(db, ct);
        return Rare(pinyin, current);
    }

    /// <summary>The trigrams of <paramref name="pinyin"/> in at most <see cref="CommonShare"/> of the sample.</summary>
    public static IReadOnlyList<string>? Rare(string pinyin, KeySample sample)
    {
        if (sample.Keys.Count == 0) return null;
        var trigrams = Enumerable.Range(0, pinyin.Length - 2).Select(i => pinyin.Substring(i, 3)).Distinct().ToList();
        var rare = trigrams.Where(t => sample.Keys.Where(k => k.Value.Contains(t, StringComparison.Ordinal)).Sum(k => k.Share) <= CommonShare).ToList();
        return rare.Count == 0 || rare.Count == trigrams.Count ? null : rare;
    }

    /// <summary>
    /// The column's most common values (each with its frequency) and histogram bounds (each standing for an equal part
    /// of the other rows), as the planner estimates a <c>LIKE</c> with them.
    /// </summary>
    private async Task<KeySample> Read(KeqingDb db, CancellationToken ct)
    {
        var keys = new List<(string, double)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """
                SELECT most_common_vals::text::text[], most_common_freqs, histogram_bounds::text::text[]
                FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'customers' AND attname = 'PinyinKeys'
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var common = reader.IsDBNull(0) ? [] : reader.GetFieldValue<string[]>(0);
                var frequencies = reader.IsDBNull(1) ? [] : reader.GetFieldValue<float[]>(1);
                var bounds = reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2);
                for (var i = 0; i < common.Length; i++) keys.Add((common[i], frequencies[i]));
                var rest = Math.Max(0.0, 1.0 - frequencies.Sum(f => (double)f));
                keys.AddRange(bounds.Select(b => (b, rest / bounds.Length)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new KeySample(clock.GetUtcNow(), keys);
    }
}
