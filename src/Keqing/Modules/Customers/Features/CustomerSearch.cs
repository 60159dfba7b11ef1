using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;

namespace Keqing.Modules.Customers.Features;

/// <summary>The search columns and lookup rows derived from a customer's name, aliases, phones, emails and tags.</summary>
internal static class CustomerSearch
{
    public static void Index(Customer c)
    {
        var names = new[] { c.Name }.Concat(c.Aliases).ToList();
        c.SearchName = string.Join(' ', names).ToLowerInvariant();
        var keys = names.SelectMany(n => PinyinIndex.Shared.SearchKeys(n).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct();
        var joined = " " + string.Join(' ', keys);
        c.PinyinKeys = joined.Length > 4000 ? joined[..4000] : joined;
        c.DuplicateKey = DuplicateKeyOf(c);
    }

    /// <summary>The stored duplicate block key (place | normalised name), clipped to the column.</summary>
    public static string DuplicateKeyOf(Customer c)
    {
        var key = DuplicateFingerprint.Of(c).NameKey;
        return key.Length > 260 ? key[..260] : key;
    }

    public static IEnumerable<(LookupKind Kind, string Value)> Lookups(Customer c)
    {
        foreach (var p in c.Phones) if (ContactPoints.NormalizePhone(p) is { } v) yield return (LookupKind.Phone, v);
        foreach (var e in c.Emails) if (ContactPoints.NormalizeEmail(e) is { } v) yield return (LookupKind.Email, v);
        foreach (var t in c.Tags) yield return (LookupKind.Tag, t.Trim().ToLowerInvariant());
    }
}
