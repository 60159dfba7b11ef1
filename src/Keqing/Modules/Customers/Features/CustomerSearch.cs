using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>The search columns and lookup rows derived from a customer's name, aliases, phones, emails and tags.</summary>
internal static class CustomerSearch
{
    public static void Index(Customer c)
    {
        var names = new[] { c.Name }.Concat(c.Aliases).ToList();
        // Clipped to their columns: a 200-character name with 20 aliases of 200 is valid and longer than SearchName.
        c.SearchName = Clip(string.Join(' ', names).ToLowerInvariant(), 2000);
        var keys = names.SelectMany(n => PinyinIndex.Shared.SearchKeys(n).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct();
        var joined = " " + string.Join(' ', keys);
        c.PinyinKeys = Clip(joined, 4000);
        c.DuplicateKey = DuplicateKeyOf(c);
        c.NameSortKey = SortKeyOf(c);
    }

    /// <summary>The pinyin order key of the customer's name (a person's first character read as a surname).</summary>
    public static string SortKeyOf(Customer c) => PinyinIndex.Shared.SortKey(c.Name, c.Kind == CustomerKind.Person);

    /// <summary>The stored duplicate block key (place | normalised name), clipped to the column.</summary>
    public static string DuplicateKeyOf(Customer c)
    {
        return Clip(DuplicateFingerprint.Of(c).NameKey, 260);
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never half a surrogate pair.</summary>
    private static string Clip(string s, int max) =>
        s.Length <= max ? s : s[..(char.IsHighSurrogate(s[max - 1]) ? max - 1 : max)];

    public static IEnumerable<(LookupKind Kind, string Value)> Lookups(Customer c)
    {
        foreach (var p in c.Phones) if (ContactPoints.NormalizePhone(p) is { } v) yield return (LookupKind.Phone, v);
        foreach (var e in c.Emails) if (ContactPoints.NormalizeEmail(e) is { } v) yield return (LookupKind.Email, v);
        foreach (var t in c.Tags) yield return (LookupKind.Tag, t.Trim().ToLowerInvariant());
    }
}
