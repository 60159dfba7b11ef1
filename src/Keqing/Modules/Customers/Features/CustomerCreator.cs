using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Customers and contacts made for other modules by the archive's own use cases; see <see cref="ICustomerCreator"/>.</summary>
public sealed class CustomerCreator(SaveCustomer customers, Contacts contacts, DuplicateFinder duplicates, CustomerPrivacy privacy,
    KeqingDb db, CustomerReadScope readScope) : ICustomerCreator
{
    public async Task<IReadOnlyList<DuplicateMatch>> LikelyExisting(DuplicateProbe probe, CancellationToken ct) =>
        // Like the check while typing: a role that may not see persons' phones and emails cannot use them to find someone.
        DuplicateReasonText.Localized(await duplicates.Find(
            await privacy.MaySearchContactPoints(ct) ? probe : probe with { Phones = null, Emails = null }, null, ct));

    public async Task<CustomerCreation> Add(CustomerInput input, bool duplicatesConfirmed, CancellationToken ct)
    {
        var (customer, matches) = await customers.Add(input, duplicatesConfirmed, ct);
        return new CustomerCreation(customer?.Id, DuplicateReasonText.Localized(matches));
    }

    public async Task<Guid> AddContact(Guid customerId, ContactInput input, CancellationToken ct) =>
        (await contacts.Add(customerId, input, ct)).Id;

    public async Task<IReadOnlyList<CustomerSummary>> FindReadable(string text, CancellationToken ct)
    {
        var term = text.Trim();
        if (term.Length < CustomerReadScope.LookUpMinLength) return [];
        var searched = db.Set<Customer>().AsNoTracking().Where(c => c.ArchivedAt == null && c.Name.Contains(term));
        return await (await readScope.Readable(searched, term, ct)).OrderBy(c => c.Name).Take(10)
            .Select(c => new CustomerSummary(c.Id, c.Name, c.OwnerId, c.TeamId, c.Grade, false)).ToListAsync(ct);
    }

    public Task AddContactEmail(Guid contactId, string email, CancellationToken ct) => contacts.AddEmail(contactId, email, ct);

    public async Task<Guid> AddMailContact(Guid customerId, string name, string email, CancellationToken ct) =>
        (await contacts.AddFromMail(customerId, name, email, ct)).Id;
}
