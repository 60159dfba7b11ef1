using System.Diagnostics;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Scans every live customer for likely duplicates (DOMAIN A6) and fills the review queue. Blocking keeps it near linear:
/// only customers sharing a block are compared — a normalised phone, an email, a credit code, or place + the first
/// characters of the normalised name. Each block is streamed in key order from an index and held alone in memory; a
/// block of up to <see cref="FullBlock"/> customers is compared pair by pair, a larger one only with the next
/// <see cref="Window"/> customers in name order (sorted neighbourhood), and one over <see cref="MaxBlock"/> (a
/// switchboard number, 张伟 in 上海) is skipped and reported. A pair sharing several keys is compared once, in the first
/// block they share. So at most 5 comparisons per customer and block: ≤ 20 × N for customers with up to four keys.
/// </summary>
public sealed class DuplicateScan(IDbContextFactory<KeqingDb> contexts, TimeProvider clock)
{
    public const int FullBlock = 10;
    public const int Window = 5;
    public const int MaxBlock = 1_000;
    private const int MaxSkippedReported = 50;

    private sealed record Row(Guid Id, string Name, string? City, string? Province, List<string> Phones, List<string> Emails,
        string? CreditCode, string? DuplicateKey);

    private sealed class Member(Row row)
    {
        public Row Row { get; } = row;
        public DuplicateFingerprint Fingerprint { get; } = DuplicateFingerprint.Of(row.Name, row.City, row.Province, row.Phones, row.Emails, row.CreditCode);
        public string SortKey => Row.DuplicateKey ?? "";
    }

    private enum Pass { Phone, Email, CreditCode, Name }

    /// <summary>Runs a full scan; open pairs it no longer finds are removed, dismissed and merged ones stay.</summary>
    public async Task<DuplicateScanResult> Run(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var started = clock.GetUtcNow().UtcDateTime;
        await BackfillKeys(ct);
        long customers;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            customers = await db.Set<Customer>().LongCountAsync(c => c.ArchivedAt == null, ct);

        var found = new Dictionary<(Guid, Guid), DuplicateScore>();
        var skipped = new List<string>();
        long compared = 0;
        foreach (var pass in Enum.GetValues<Pass>())
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            string? blockKey = null;
            var block = new List<Row>();
            var blockSize = 0;
            await foreach (var (key, row) in Stream(db, pass).WithCancellation(ct))
            {
                if (key != blockKey)
                {
                    compared += CompareBlock(pass, blockKey, block, blockSize, found, skipped);
                    blockKey = key;
                    block.Clear();
                    blockSize = 0;
                }
                blockSize++;
                if (blockSize <= MaxBlock) block.Add(row);
            }
            compared += CompareBlock(pass, blockKey, block, blockSize, found, skipped);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await Save(found, started, now, ct);
        return new DuplicateScanResult(customers, compared, found.Count, skipped, watch.Elapsed);
    }

    /// <summary>The live customers of each pass with their block key, in key order (from an index).</summary>
    private static IAsyncEnumerable<(string Key, Row Row)> Stream(KeqingDb db, Pass pass)
    {
        var live = db.Set<Customer>().Where(c => c.ArchivedAt == null);
        return pass switch
        {
            Pass.Phone or Pass.Email => db.Set<CustomerLookup>()
                .Where(l => l.Kind == (pass == Pass.Phone ? LookupKind.Phone : LookupKind.Email)
                            && (pass == Pass.Email || l.Value.Length >= DuplicateFingerprint.MinPhoneDigits))
                .Join(live, l => l.CustomerId, c => c.Id, (l, c) => new { l.Value, c.Id, c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode, c.DuplicateKey })
                .OrderBy(x => x.Value)
                .AsAsyncEnumerable()
                .Select(x => (x.Value, new Row(x.Id, x.Name, x.City, x.Province, x.Phones, x.Emails, x.CreditCode, x.DuplicateKey))),
            Pass.CreditCode => live.Where(c => c.CreditCode != null).OrderBy(c => c.CreditCode)
                .Select(c => new Row(c.Id, c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode, c.DuplicateKey))
                .AsAsyncEnumerable().Select(r => (r.CreditCode!, r)),
            _ => live.Where(c => c.DuplicateKey != null).OrderBy(c => c.DuplicateKey)
                .Select(c => new Row(c.Id, c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode, c.DuplicateKey))
                .AsAsyncEnumerable().Select(r => (DuplicateFingerprint.NameBlockOf(r.DuplicateKey!), r)),
        };
    }

    private static long CompareBlock(Pass pass, string? key, List<Row> rows, int size, Dictionary<(Guid, Guid), DuplicateScore> found, List<string> skipped)
    {
        if (key is null || size < 2) return 0;
        if (size > MaxBlock)
        {
            if (skipped.Count < MaxSkippedReported) skipped.Add($"{pass.ToString().ToLowerInvariant()} {key}: {size} customers");
            return 0;
        }
        var members = rows.DistinctBy(r => r.Id).Select(r => new Member(r)).OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Row.Id).ToList();
        long compared = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var last = members.Count <= FullBlock ? members.Count - 1 : Math.Min(members.Count - 1, i + Window);
            for (var j = i + 1; j <= last; j++)
            {
                var (a, b) = (members[i], members[j]);
                if (!FirstSharedBlock(pass, key, a.Fingerprint, b.Fingerprint)) continue;
                compared++;
                var score = DuplicateScorer.Score(a.Fingerprint, b.Fingerprint);
                if (score.Score < DuplicateScorer.Threshold) continue;
                found[a.Row.Id.CompareTo(b.Row.Id) < 0 ? (a.Row.Id, b.Row.Id) : (b.Row.Id, a.Row.Id)] = score;
            }
        }
        return compared;
    }

    /// <summary>Whether this block is the first the pair shares (passes in order, keys in ordinal order), so each pair is compared once.</summary>
    private static bool FirstSharedBlock(Pass pass, string key, DuplicateFingerprint a, DuplicateFingerprint b)
    {
        var phone = DuplicateScorer.SmallestCommon(a.Phones, b.Phones);
        if (pass == Pass.Phone) return phone == key;
        if (phone is not null) return false;
        var email = DuplicateScorer.SmallestCommon(a.Emails, b.Emails);
        if (pass == Pass.Email) return email == key;
        if (email is not null) return false;
        var sameCode = a.CreditCode is not null && a.CreditCode == b.CreditCode;
        return pass == Pass.CreditCode ? sameCode : !sameCode;
    }

    /// <summary>Computes the duplicate key of customers that have none yet (rows from before it existed, bulk loads).</summary>
    private async Task BackfillKeys(CancellationToken ct)
    {
        for (var filled = 0; ; filled++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Set<Customer>().AsNoTracking().Where(c => c.DuplicateKey == null).OrderBy(c => c.Id).Take(1_000).ToListAsync(ct);
            if (batch.Count == 0)
            {
                // Each update wrote a new row version into every index, the search indexes' pending lists included.
                if (filled > 0) await CustomerSearchIndexes.AfterBulkWrite(db, ct);
                return;
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Not through SaveChanges: a derived column is no edit, so no new version (ETag) and no audit entry.
            foreach (var c in batch)
            {
                var key = CustomerSearch.DuplicateKeyOf(c);
                await db.Set<Customer>().Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DuplicateKey, key), ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>Upserts the pairs found (in batches), then drops open pairs this scan did not see.</summary>
    private async Task Save(Dictionary<(Guid, Guid), DuplicateScore> found, DateTime started, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in found.OrderBy(p => p.Key.Item1).Chunk(500))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var firsts = chunk.Select(p => p.Key.Item1).Distinct().ToList();
            var existing = (await db.Set<DuplicateCandidate>().Where(d => firsts.Contains(d.CustomerAId)).ToListAsync(ct))
                .ToDictionary(d => (d.CustomerAId, d.CustomerBId));
            foreach (var (pair, score) in chunk)
            {
                var reasons = JsonSerializer.Serialize(score.Reasons, JsonSerializerOptions.Web);
                if (existing.TryGetValue(pair, out var row))
                {
                    row.SeenAt = now;
                    if (row.Status != DuplicateStatus.Open) continue;
                    row.Score = score.Score;
                    row.Reasons = reasons;
                }
                else
                {
                    db.Add(new DuplicateCandidate
                    {
                        CustomerAId = pair.Item1, CustomerBId = pair.Item2, Score = score.Score, Reasons = reasons, FoundAt = now, SeenAt = now,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
        }
        await using (var db = await contexts.CreateDbContextAsync(ct))
            await db.Set<DuplicateCandidate>().Where(d => d.Status == DuplicateStatus.Open && d.SeenAt < started).ExecuteDeleteAsync(ct);
    }
}
