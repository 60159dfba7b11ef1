using Keqing.Modules.Customers.Contracts;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Domain;

/// <summary>
/// What duplicate matching compares of a customer, normalised once: phones, emails, credit code, name, place, and the
/// name as written, only folded (NFKC, case, spaces: <c>ExactName</c>), for "the same name".
/// </summary>
public sealed record DuplicateFingerprint(
    IReadOnlySet<string> Phones, IReadOnlySet<string> Emails, string? CreditCode, string Name, string Place, string ExactName = "")
{
    /// <summary>A phone shorter than this (an extension, a short code) is too weak to call two customers the same.</summary>
    public const int MinPhoneDigits = 7;

    public static DuplicateFingerprint Of(string? name, string? city, string? province, IEnumerable<string>? phones,
        IEnumerable<string>? emails, string? creditCode) => new(
        (phones ?? []).Select(ContactPoints.NormalizePhone).OfType<string>().Where(p => p.Length >= MinPhoneDigits).ToHashSet(StringComparer.Ordinal),
        (emails ?? []).Select(ContactPoints.NormalizeEmail).OfType<string>().ToHashSet(StringComparer.Ordinal),
        string.IsNullOrWhiteSpace(creditCode) ? null : creditCode.Trim().ToUpperInvariant(),
        WithoutOwnPlace(CompanyNames.Normalize(name), city, province),
        CompanyNames.Place(city, province, name),
        string.Join(' ', (name ?? "").Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>
    /// The normalised name without the customer's own city and province, which may be places the built-in list lacks
    /// (临沂明远贸易 in 临沂 → 明远贸易); the name stays whole when nothing else would be left.
    /// </summary>
    private static string WithoutOwnPlace(string name, string? city, string? province)
    {
        foreach (var place in new[] { CompanyNames.PlaceKey(city), CompanyNames.PlaceKey(province) })
        {
            if (place.Length == 0) continue;
            var stripped = name.Replace(place, "", StringComparison.Ordinal);
            if (stripped.Length > 0) name = stripped;
        }
        return name;
    }

    public static DuplicateFingerprint Of(Customer c) => Of(c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode);

    /// <summary>Whether two fingerprints are judged alike by every rule (the sets by content, not by reference).</summary>
    public bool SameAs(DuplicateFingerprint other) => Name == other.Name && Place == other.Place && CreditCode == other.CreditCode
        && ExactName == other.ExactName && Phones.SetEquals(other.Phones) && Emails.SetEquals(other.Emails);

    /// <summary>
    /// The stored block key for the name: place, a bar, the normalised name (<c>上海|明远贸易</c>). Customers whose keys
    /// share <see cref="NameBlockLength"/> name characters after the bar are compared by name.
    /// </summary>
    public string NameKey => Place + "|" + Name;

    /// <summary>How many leading characters of the normalised name make its block.</summary>
    public const int NameBlockLength = 2;

    /// <summary>The name block of this fingerprint: place, bar, the first characters of the normalised name.</summary>
    public string NameBlock => NameBlockOf(NameKey);

    public static string NameBlockOf(string nameKey)
    {
        var bar = nameKey.IndexOf('|', StringComparison.Ordinal);
        var end = Math.Min(nameKey.Length, bar + 1 + NameBlockLength);
        return nameKey[..end];
    }
}

/// <summary>
/// Scores how likely two customers are the same (DOMAIN A6), with the reasons: the same credit code, phone or email,
/// and a similar name in the same place. Evidence combines as a noisy-or (1 − Π(1 − wᵢ)), so more evidence never lowers
/// the score; the score is symmetric and a record scores highest against itself. The same name, exactly as written, in
/// the same known place is certain evidence (1): two 华东精密机械有限公司 in 苏州 are one company (issue 13, item 12).
/// </summary>
public static class DuplicateScorer
{
    /// <summary>Pairs scoring this much or more are likely duplicates (queue, warnings).</summary>
    public const double Threshold = 0.6;

    /// <summary>Names at least this similar (bigram Dice) count as similar.</summary>
    public const double NameThreshold = 0.6;

    private const double CreditCodeWeight = 0.99;
    private const double PhoneWeight = 0.8;
    private const double EmailWeight = 0.85;
    private const double NameWeight = 0.85;
    private const double ShortNameWeight = 0.5;

    /// <summary>Normalised names at least this long count fully as evidence; shorter ones only half.</summary>
    public const int LongName = 4;

    public static DuplicateScore Score(DuplicateFingerprint a, DuplicateFingerprint b)
    {
        var reasons = new List<DuplicateReason>();
        var weights = new List<double>();
        if (a.CreditCode is { } code && code == b.CreditCode)
        {
            weights.Add(CreditCodeWeight);
            reasons.Add(new DuplicateReason("sameCreditCode", $"Same credit code {code}"));
        }
        if (SmallestCommon(a.Phones, b.Phones) is { } phone)
        {
            weights.Add(PhoneWeight);
            reasons.Add(new DuplicateReason("samePhone", "Same phone")); // no value: reasons are stored and shown to roles that may not see it
        }
        if (SmallestCommon(a.Emails, b.Emails) is { } email)
        {
            weights.Add(EmailWeight);
            reasons.Add(new DuplicateReason("sameEmail", "Same email"));
        }
        if (a.Place == b.Place && a.Place.Length > 0 && a.ExactName.Length > 0 && a.ExactName == b.ExactName)
        {
            weights.Add(1);
            reasons.Add(new DuplicateReason("sameName", $"Same name in {a.Place}"));
        }
        else if (a.Place == b.Place)
        {
            var similarity = CompanyNames.Similarity(a.Name, b.Name);
            if (similarity >= NameThreshold)
            {
                // A short name (张伟, 华为) is shared by many: alone it is not enough to call two customers the same.
                weights.Add((Math.Min(a.Name.Length, b.Name.Length) >= LongName ? NameWeight : ShortNameWeight) * similarity);
                var where = a.Place.Length > 0 ? $" in {a.Place}" : "";
                reasons.Add(new DuplicateReason("similarName", $"Similar name {CompanyNames.Invariant(similarity)}{where}"));
            }
        }
        var miss = weights.Aggregate(1.0, (m, w) => m * (1 - w));
        return new DuplicateScore(Math.Round(1 - miss, 3), reasons);
    }

    /// <summary>The smallest common element (ordinal), so both argument orders name the same one.</summary>
    internal static string? SmallestCommon(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        string? best = null;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        foreach (var x in small)
            if (large.Contains(x) && (best is null || string.CompareOrdinal(x, best) < 0)) best = x;
        return best;
    }
}
