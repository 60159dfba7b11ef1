using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// Finds the existing customers a customer being entered or imported probably is (DOMAIN A6): the same normalised phone,
/// email or credit code (lookup rows), or a similar name in the same place (the stored duplicate key's block), scored by
/// the same rules as the scheduled scan. Only customers the caller may see are returned. Other modules ask through
/// <see cref="IImportDuplicateHint"/>.
/// </summary>
public sealed class DuplicateFinder(KeqingDb db, IRecordAccess access)
{
    public const int MaxMatches = 20;
    private const int CandidatesPerKey = 200;

    /// <summary>Likely duplicates of <paramref name="probe"/> among the live customers the caller may see, best first.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> Find(DuplicateProbe probe, Guid? excludeId, CancellationToken ct) =>
        (await FindMany([probe], excludeId, ct))[0];

    /// <summary>
    /// <see cref="Find"/> for many probes at once (an import's preview): one query per kind of exact key for all of
    /// them, the name-block neighbours per distinct block key, and one read of the candidates.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<DuplicateMatch>>> FindMany(IReadOnlyList<DuplicateProbe> probes, Guid? excludeId, CancellationToken ct)
    {
        var prints = probes.Select(p => DuplicateFingerprint.Of(p.Name, p.City, p.Province, p.Phones, p.Emails, p.CreditCode)).ToList();
        // Key arrays and name-block ranges are planned for their values (issue 18): see CustomPlans.
        var (candidates, visible) = await CustomPlans.Run(db, async () =>
        {
            var candidates = await CandidateIds(prints, ct);
            if (excludeId is { } self) foreach (var ids in candidates) ids.Remove(self);
            var all = candidates.SelectMany(ids => ids).Distinct().ToList();
            var visible = all.Count == 0 ? [] : await (await access.Visible(db.Set<Customer>().AsNoTracking(), ct))
                .Where(c => all.Contains(c.Id) && c.ArchivedAt == null).ToDictionaryAsync(c => c.Id, ct);
            return (candidates, visible);
        }, ct);
        if (visible.Count == 0) return [.. prints.Select(_ => (IReadOnlyList<DuplicateMatch>)[])];
        var fingerprints = visible.ToDictionary(c => c.Key, c => DuplicateFingerprint.Of(c.Value));
        return [.. prints.Select((f, i) => (IReadOnlyList<DuplicateMatch>)candidates[i].Where(visible.ContainsKey)
            .Select(id => (Customer: visible[id], Score: DuplicateScorer.Score(f, fingerprints[id])))
            .Where(x => x.Score.Score >= DuplicateScorer.Threshold)
            .OrderByDescending(x => x.Score.Score).ThenBy(x => x.Customer.Id)
            .Take(MaxMatches)
            .Select(x => new DuplicateMatch(x.Customer.Id, x.Customer.Name, x.Customer.City, x.Customer.OwnerId, x.Score.Score, x.Score.Reasons))
            .ToList())];
    }

    /// <summary>How alike two customers being entered are (e.g. two rows of one import file), by the same rules.</summary>
    public static DuplicateScore Score(DuplicateProbe a, DuplicateProbe b) => DuplicateScorer.Score(
        DuplicateFingerprint.Of(a.Name, a.City, a.Province, a.Phones, a.Emails, a.CreditCode),
        DuplicateFingerprint.Of(b.Name, b.City, b.Province, b.Phones, b.Emails, b.CreditCode));

    /// <summary>
    /// For each fingerprint, the live customers sharing a phone, an email, the credit code or the name block with it
    /// (any owner), at most <see cref="CandidatesPerKey"/> per key.
    /// </summary>
    private async Task<List<HashSet<Guid>>> CandidateIds(IReadOnlyList<DuplicateFingerprint> prints, CancellationToken ct)
    {
        var phones = prints.SelectMany(f => f.Phones).Distinct().ToList();
        var emails = prints.SelectMany(f => f.Emails).Distinct().ToList();
        var codes = prints.Select(f => f.CreditCode).OfType<string>().Distinct().ToList();
        var lookups = db.Set<CustomerLookup>().AsNoTracking();
        var byPhone = phones.Count == 0 ? null : (await lookups.Where(l => l.Kind == LookupKind.Phone && phones.Contains(l.Value))
            .Select(l => new { l.Value, l.CustomerId }).ToListAsync(ct)).ToLookup(x => x.Value, x => x.CustomerId);
        var byEmail = emails.Count == 0 ? null : (await lookups.Where(l => l.Kind == LookupKind.Email && emails.Contains(l.Value))
            .Select(l => new { l.Value, l.CustomerId }).ToListAsync(ct)).ToLookup(x => x.Value, x => x.CustomerId);
        var live = db.Set<Customer>().AsNoTracking().Where(c => c.ArchivedAt == null);
        var byCode = codes.Count == 0 ? null : (await live.Where(c => c.CreditCode != null && codes.Contains(c.CreditCode))
            .Select(c => new { Value = c.CreditCode!, c.Id }).ToListAsync(ct)).ToLookup(x => x.Value, x => x.Id);

        // The neighbours of a name key inside its block, on both sides: in a large block the nearest keys are the likeliest.
        var byName = new Dictionary<string, List<Guid>>();
        foreach (var f in prints.Where(f => f.Name.Length > 0).DistinctBy(f => f.NameKey))
        {
            var (block, key, end) = (f.NameBlock, f.NameKey, f.NameBlock + "\uffff");
            var after = await live.Where(c => string.Compare(c.DuplicateKey, key) >= 0 && string.Compare(c.DuplicateKey, end) < 0)
                .OrderBy(c => c.DuplicateKey).Select(c => c.Id).Take(CandidatesPerKey / 2).ToListAsync(ct);
            var before = await live.Where(c => string.Compare(c.DuplicateKey, block) >= 0 && string.Compare(c.DuplicateKey, key) < 0)
                .OrderByDescending(c => c.DuplicateKey).Select(c => c.Id).Take(CandidatesPerKey / 2).ToListAsync(ct);
            byName[key] = [.. after, .. before];
        }

        static IEnumerable<Guid> Some(ILookup<string, Guid>? found, string key) =>
            found is null ? [] : found[key].Order().Take(CandidatesPerKey);
        return [.. prints.Select(f =>
        {
            var ids = new HashSet<Guid>();
            foreach (var phone in f.Phones) ids.UnionWith(Some(byPhone, phone));
            foreach (var email in f.Emails) ids.UnionWith(Some(byEmail, email));
            if (f.CreditCode is { } code) ids.UnionWith(Some(byCode, code));
            if (f.Name.Length > 0) ids.UnionWith(byName[f.NameKey]);
            return ids;
        })];
    }
}
