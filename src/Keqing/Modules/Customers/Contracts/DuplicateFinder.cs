using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// Finds the existing customers a customer being entered or imported probably is (DOMAIN A6): the same normalised phone,
/// email or credit code (lookup rows), or a similar name in the same place (the stored duplicate key's block), scored by
/// the same rules as the scheduled scan. Only customers the caller may see are returned. For other modules (Imports).
/// </summary>
public sealed class DuplicateFinder(KeqingDb db, RecordAccess access)
{
    public const int MaxMatches = 20;
    private const int CandidatesPerKey = 200;

    /// <summary>Likely duplicates of <paramref name="probe"/> among the live customers the caller may see, best first.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> Find(DuplicateProbe probe, Guid? excludeId, CancellationToken ct)
    {
        var fingerprint = DuplicateFingerprint.Of(probe.Name, probe.City, probe.Province, probe.Phones, probe.Emails, probe.CreditCode);
        var ids = await CandidateIds(fingerprint, ct);
        if (excludeId is { } self) ids.Remove(self);
        if (ids.Count == 0) return [];
        var visible = (await access.Visible(db.Set<Customer>().AsNoTracking(), ct)).Where(c => ids.Contains(c.Id) && c.ArchivedAt == null);
        var rows = await visible.ToListAsync(ct);
        return rows
            .Select(c => (Customer: c, Score: DuplicateScorer.Score(fingerprint, DuplicateFingerprint.Of(c))))
            .Where(x => x.Score.Score >= DuplicateScorer.Threshold)
            .OrderByDescending(x => x.Score.Score).ThenBy(x => x.Customer.Id)
            .Take(MaxMatches)
            .Select(x => new DuplicateMatch(x.Customer.Id, x.Customer.Name, x.Customer.City, x.Customer.OwnerId, x.Score.Score, x.Score.Reasons))
            .ToList();
    }

    /// <summary>How alike two customers being entered are (e.g. two rows of one import file), by the same rules.</summary>
    public static DuplicateScore Score(DuplicateProbe a, DuplicateProbe b) => DuplicateScorer.Score(
        DuplicateFingerprint.Of(a.Name, a.City, a.Province, a.Phones, a.Emails, a.CreditCode),
        DuplicateFingerprint.Of(b.Name, b.City, b.Province, b.Phones, b.Emails, b.CreditCode));

    /// <summary>Live customers sharing a phone, an email, the credit code or the name block with the fingerprint (any owner).</summary>
    internal async Task<HashSet<Guid>> CandidateIds(DuplicateFingerprint f, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        var phones = f.Phones.ToList();
        var emails = f.Emails.ToList();
        if (phones.Count > 0)
            ids.UnionWith(await db.Set<CustomerLookup>().Where(l => l.Kind == LookupKind.Phone && phones.Contains(l.Value))
                .OrderBy(l => l.CustomerId).Select(l => l.CustomerId).Take(CandidatesPerKey).ToListAsync(ct));
        if (emails.Count > 0)
            ids.UnionWith(await db.Set<CustomerLookup>().Where(l => l.Kind == LookupKind.Email && emails.Contains(l.Value))
                .OrderBy(l => l.CustomerId).Select(l => l.CustomerId).Take(CandidatesPerKey).ToListAsync(ct));
        var live = db.Set<Customer>().Where(c => c.ArchivedAt == null);
        if (f.CreditCode is { } code)
            ids.UnionWith(await live.Where(c => c.CreditCode == code).OrderBy(c => c.Id).Select(c => c.Id).Take(CandidatesPerKey).ToListAsync(ct));
        if (f.Name.Length > 0)
        {
            // The neighbours of the key inside its block, on both sides: in a large block the nearest keys are the likeliest.
            var block = f.NameBlock;
            var end = block + "\uffff";
            var key = f.NameKey;
            ids.UnionWith(await live.Where(c => string.Compare(c.DuplicateKey, key) >= 0 && string.Compare(c.DuplicateKey, end) < 0)
                .OrderBy(c => c.DuplicateKey).Select(c => c.Id).Take(CandidatesPerKey / 2).ToListAsync(ct));
            ids.UnionWith(await live.Where(c => string.Compare(c.DuplicateKey, block) >= 0 && string.Compare(c.DuplicateKey, key) < 0)
                .OrderByDescending(c => c.DuplicateKey).Select(c => c.Id).Take(CandidatesPerKey / 2).ToListAsync(ct));
        }
        return ids;
    }
}
