using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Fills the derived search data of rows written before it existed: the pinyin order key of customers and the lookup
/// rows of contacts (<see cref="ContactLookup"/>; every contact but an erased one has at least its name's, so one without any is old). Every
/// write path (save, import, merge, erasure) keeps them itself; this only catches up after an upgrade, in batches.
/// </summary>
public sealed class SearchKeysBackfill(IDbContextFactory<KeqingDb> contexts)
{
    /// <summary>Rows per transaction.</summary>
    public const int Batch = 1_000;

    /// <summary>Fills every missing key; returns how many customers and contacts it filled.</summary>
    public async Task<int> Run(CancellationToken ct) => await SortKeys(ct) + await ContactLookups(ct);

    private async Task<int> ContactLookups(CancellationToken ct)
    {
        var filled = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Set<Contact>().AsNoTracking()
                .Where(c => c.Id.CompareTo(after) > 0 && c.Name != CustomerPersonalData.ErasedName && !db.Set<ContactLookup>().Any(l => l.ContactId == c.Id))
                .OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return filled;
            db.AddRange(batch.SelectMany(ContactSearch.Rows));
            await db.SaveChangesAsync(ct);
            filled += batch.Count;
            after = batch[^1].Id;
        }
    }

    private async Task<int> SortKeys(CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Set<Customer>().AsNoTracking().Where(c => c.NameSortKey == "")
                .OrderBy(c => c.Id).Select(c => new Customer { Id = c.Id, Name = c.Name, Kind = c.Kind }).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return filled;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Not through SaveChanges: a derived column is no edit, so no new version (ETag) and no audit entry.
            foreach (var c in batch)
            {
                var key = CustomerSearch.SortKeyOf(c);
                await db.Set<Customer>().Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NameSortKey, key), ct);
            }
            await tx.CommitAsync(ct);
            filled += batch.Count;
        }
    }
}
