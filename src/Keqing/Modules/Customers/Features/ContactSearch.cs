using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// The lookup rows by which a search finds a customer through its contacts (ADR 0004: candidates from a B-tree):
/// the contact's name and, for a Chinese name, the given name without the surname (王建国 and 建国), each pinyin
/// spelling and its initials, and its normalised phones and emails.
/// </summary>
internal static class ContactSearch
{
    private const int MaxValue = 320;

    public static IEnumerable<(LookupKind Kind, string Value)> Lookups(Contact c)
    {
        var found = new HashSet<(LookupKind, string)>();
        // An erased contact's placeholder name finds nothing: a search for it would list the customers of erased persons.
        var name = c.Name == CustomerPersonalData.ErasedName ? "" : c.Name.Trim().ToLowerInvariant();
        if (name.Length > 0) found.Add((LookupKind.Name, Clip(name)));
        // A Chinese name is also found by its given name, after a surname of one or two characters (王建国, 欧阳建国 → 建国).
        if (name.Length is >= 3 and <= 4 && name.All(ch => PinyinIndex.Shared.Readings(ch).Count > 0))
            for (var start = 1; start <= name.Length - 2; start++) found.Add((LookupKind.Name, name[start..]));
        foreach (var key in PinyinIndex.Shared.SearchKeys(name.Length == 0 ? "" : c.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            found.Add((LookupKind.Pinyin, Clip(key)));
        foreach (var p in c.Phones) if (ContactPoints.NormalizePhone(p) is { } v) found.Add((LookupKind.Phone, Clip(v)));
        foreach (var e in c.Emails) if (ContactPoints.NormalizeEmail(e) is { } v) found.Add((LookupKind.Email, Clip(v)));
        return found;
    }

    public static IEnumerable<ContactLookup> Rows(Contact c) =>
        Lookups(c).Select(l => new ContactLookup { Kind = l.Kind, Value = l.Value, ContactId = c.Id, CustomerId = c.CustomerId });

    /// <summary>Brings a tracked contact's lookup rows in line with its values, in the caller's unit of work.</summary>
    public static async Task Replace(KeqingDb db, Contact contact, CancellationToken ct)
    {
        var wanted = Lookups(contact).ToHashSet();
        var set = db.Set<ContactLookup>();
        var existing = await set.Where(l => l.ContactId == contact.Id).ToListAsync(ct);
        set.RemoveRange(existing.Where(l => !wanted.Contains((l.Kind, l.Value)) || l.CustomerId != contact.CustomerId));
        foreach (var (kind, value) in wanted.Where(w => !existing.Any(l => l.Kind == w.Kind && l.Value == w.Value && l.CustomerId == contact.CustomerId)))
            set.Add(new ContactLookup { Kind = kind, Value = value, ContactId = contact.Id, CustomerId = contact.CustomerId });
    }

    /// <summary>
    /// The lookup rows a search term matches: a name or given name starting with it, a pinyin spelling or initials
    /// starting with it (two letters or more), and — only for a caller who may see persons' contact points — exactly
    /// the phone or email (a contact is a person: a partial number would confirm what a masked one hides).
    /// </summary>
    public static IQueryable<ContactLookup> Matching(KeqingDb db, string q, bool contactPoints)
    {
        var set = db.Set<ContactLookup>();
        if (q.Contains('@'))
        {
            var email = ContactPoints.NormalizeEmail(q)!;
            return contactPoints ? set.Where(l => l.Kind == LookupKind.Email && l.Value == email) : set.Where(l => false);
        }
        if (ContactPoints.LooksLikePhone(q))
        {
            var phone = ContactPoints.NormalizePhone(q)!;
            return contactPoints ? set.Where(l => l.Kind == LookupKind.Phone && l.Value == phone) : set.Where(l => false);
        }
        var name = q.Trim().ToLowerInvariant();
        var nameEnd = name + "\uffff";
        var byName = set.Where(l => l.Kind == LookupKind.Name && string.Compare(l.Value, name) >= 0 && string.Compare(l.Value, nameEnd) < 0);
        var pinyin = PinyinIndex.NormalizeQuery(q);
        if (pinyin.Length < 2 || !pinyin.All(char.IsAsciiLetterOrDigit)) return byName;
        var pinyinEnd = pinyin + "\uffff";
        // A union, so each part reads its own range of the key (ADR 0004).
        return byName.Union(set.Where(l => l.Kind == LookupKind.Pinyin && string.Compare(l.Value, pinyin) >= 0 && string.Compare(l.Value, pinyinEnd) < 0));
    }

    private static string Clip(string s) => s.Length <= MaxValue ? s : s[..(char.IsHighSurrogate(s[MaxValue - 1]) ? MaxValue - 1 : MaxValue)];
}
