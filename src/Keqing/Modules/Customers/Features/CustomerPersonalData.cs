using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// The customer archive's part in a data-subject request (DOMAIN P3): exports a person customer with its contacts, or
/// one contact, unmasked (the request is an admin's, and audited); erasure anonymises them in place — ids, kind, owner,
/// grade and tags stay for statistics — and drops the phone and email lookups so a search no longer finds them.
/// </summary>
public sealed class CustomerPersonalData(KeqingDb db, AuditInterceptor audit) : IPersonalDataStep
{
    /// <summary>What an erased name reads as.</summary>
    public const string ErasedName = "[erased]";

    public string Part => "customers";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type == SubjectType.Contact)
        {
            var contact = await db.Set<Contact>().AsNoTracking().Where(c => c.Id == subject.Id).ToListAsync(ct);
            return new Dictionary<string, IReadOnlyList<object>> { ["contacts"] = contact.Select(c => (object)c.ToDto()).ToList() };
        }
        var ids = await WithMergedIn(subject.Id, ct);
        var customer = await db.Set<Customer>().AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id != subject.Id).ThenBy(c => c.Id).ToListAsync(ct);
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.Id).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["customer"] = customer.Select(c => (object)c.ToDto()).ToList(),
            ["contacts"] = contacts.Select(c => (object)c.ToDto()).ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var phones = new List<string>();
        var emails = new List<string>();
        var namesWithBirthdays = new List<(string, DateOnly)>();
        var records = 0;
        // A person's record may hold others merged into it; their archived records held the same person's data.
        var ids = subject.Type == SubjectType.Customer ? await WithMergedIn(subject.Id, ct) : [];
        var contacts = subject.Type == SubjectType.Contact
            ? await db.Set<Contact>().Where(c => c.Id == subject.Id).ToListAsync(ct)
            : await db.Set<Contact>().Where(c => ids.Contains(c.CustomerId)).ToListAsync(ct);
        foreach (var contact in contacts)
        {
            audit.RedactValuesOf(contact.Id);
            phones.AddRange(contact.Phones);
            emails.AddRange(contact.Emails);
            if (contact.Birthday is { } birthday) namesWithBirthdays.Add((contact.Name, birthday));
            contact.Name = ErasedName;
            contact.Title = null;
            contact.Phones = [];
            contact.Emails = [];
            contact.Birthday = null;
            contact.Hobbies = null;
            contact.Notes = null;
            contact.Family = null;
            contact.Source = null;
            contact.LegalBasis = LegalBasis.None;
            records++;
        }
        foreach (var customer in await db.Set<Customer>().Where(c => ids.Contains(c.Id)).ToListAsync(ct))
        {
            audit.RedactValuesOf(customer.Id);
            phones.AddRange(customer.Phones);
            emails.AddRange(customer.Emails);
            customer.Name = ErasedName;
            customer.Aliases = [];
            customer.Address = null;
            customer.Latitude = null;
            customer.Longitude = null;
            customer.LocationSource = null;
            customer.LocatedAt = null;
            customer.Phones = [];
            customer.Emails = [];
            customer.Website = null;
            customer.LegalRepresentative = null;
            // The person's number in another system identifies them too, and would let the next import of that
            // system's file match and refill this record.
            customer.ExternalId = null;
            customer.CustomFields = "{}";
            customer.Source = null;
            customer.LegalBasis = LegalBasis.None;
            CustomerSearch.Index(customer);
            records++;
        }
        db.Set<CustomerLookup>().RemoveRange(await db.Set<CustomerLookup>()
            .Where(l => ids.Contains(l.CustomerId) && l.Kind != LookupKind.Tag).ToListAsync(ct));
        // An erased contact is no longer found by its old name, phone or email (its placeholder name is not indexed).
        var contactIds = contacts.Select(c => c.Id).ToList();
        db.Set<ContactLookup>().RemoveRange(await db.Set<ContactLookup>().Where(l => contactIds.Contains(l.ContactId)).ToListAsync(ct));
        return new ErasedData(records, phones, emails, namesWithBirthdays);
    }

    private async Task<List<Guid>> WithMergedIn(Guid id, CancellationToken ct) =>
        [id, .. await new MergedCustomerLineage(db).Predecessors(CustomersRecordTypes.Customer, id, ct)];
}
