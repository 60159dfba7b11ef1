using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Contacts by email through the lookup table (<see cref="IContactsByEmail"/>), oldest first.</summary>
public sealed class ContactsByEmail(KeqingDb db) : IContactsByEmail
{
    public async Task<IReadOnlyList<ContactSummary>> WithEmail(string email, CancellationToken ct)
    {
        if (ContactPoints.NormalizeEmail(email) is not { } value) return [];
        var ids = await db.Set<ContactLookup>().Where(l => l.Kind == LookupKind.Email && l.Value == value).Select(l => l.ContactId).Distinct().ToListAsync(ct);
        if (ids.Count == 0) return [];
        return await db.Set<Contact>().AsNoTracking()
            .Where(c => ids.Contains(c.Id) && db.Set<Customer>().Any(x => x.Id == c.CustomerId && x.ArchivedAt == null))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new ContactSummary(c.Id, c.CustomerId, c.Name, c.Title))
            .ToListAsync(ct);
    }
}
