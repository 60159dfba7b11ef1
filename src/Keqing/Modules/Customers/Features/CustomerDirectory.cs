using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Customers' answers to other modules, from its own tables under the caller's record access; see <see cref="ICustomerDirectory"/>.</summary>
public sealed class CustomerDirectory(KeqingDb db, IRecordAccess access, CustomerPrivacy privacy, TimeProvider clock) : ICustomerDirectory
{
    /// <summary>The customer if the caller may see it (archived or not), else null.</summary>
    /// <remarks>A customer added (not yet saved) in this unit of work counts: its creator passed the write checks.</remarks>
    public async Task<CustomerSummary?> FindVisible(Guid id, CancellationToken ct) =>
        db.ChangeTracker.Entries<Customer>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Id == id)?.Entity is { } added
            ? new CustomerSummary(added.Id, added.Name, added.OwnerId, added.TeamId, added.Grade, false, added.Province, added.City)
            : await (await access.Visible(db.Set<Customer>().AsNoTracking(), ct)).Where(c => c.Id == id)
                .Select(c => new CustomerSummary(c.Id, c.Name, c.OwnerId, c.TeamId, c.Grade, c.ArchivedAt != null, c.Province, c.City))
                .FirstOrDefaultAsync(ct);

    /// <summary>Customers by id without an access check (for jobs and for modules that checked access their own way).</summary>
    public async Task<IReadOnlyDictionary<Guid, CustomerSummary>> Find(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Set<Customer>().AsNoTracking().Where(c => list.Contains(c.Id))
            .Select(c => new CustomerSummary(c.Id, c.Name, c.OwnerId, c.TeamId, c.Grade, c.ArchivedAt != null, c.Province, c.City))
            .ToDictionaryAsync(c => c.Id, ct);
    }

    /// <summary>The (unarchived) customers the caller may see, as a query to compose into another module's query.</summary>
    /// <remarks>A projection, so it tracks nothing; not AsNoTracking, which would switch tracking off for the whole composed query.</remarks>
    public async Task<IQueryable<CustomerRef>> Visible(CancellationToken ct) =>
        Project((await access.Visible(db.Set<Customer>(), ct)).Where(c => c.ArchivedAt == null));

    /// <summary>The unarchived customers one user owns, as a query to compose (no access check: the caller decides who may ask).</summary>
    public IQueryable<CustomerRef> OwnedBy(Guid userId) =>
        Project(db.Set<Customer>().Where(c => c.OwnerId == userId && c.ArchivedAt == null));

    /// <summary>Every customer, archived or not, as a query to compose (no access check: for aggregates that name no customer).</summary>
    public IQueryable<CustomerRef> Unchecked() => Project(db.Set<Customer>());

    /// <summary>The contacts of a customer (the caller checked that it may see the customer).</summary>
    public async Task<IReadOnlyList<ContactSummary>> ContactsOf(Guid customerId, CancellationToken ct) =>
        await db.Set<Contact>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).Take(500)
            .Select(c => new ContactSummary(c.Id, c.CustomerId, c.Name, c.Title)).ToListAsync(ct);

    /// <summary>The contact if the caller may see its customer, else null.</summary>
    /// <remarks>A contact added (not yet saved) in this unit of work counts, as a customer does (a lead's conversion).</remarks>
    public async Task<ContactSummary?> FindVisibleContact(Guid contactId, CancellationToken ct)
    {
        var contact = db.ChangeTracker.Entries<Contact>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Id == contactId)?.Entity is { } added
            ? new ContactSummary(added.Id, added.CustomerId, added.Name, added.Title)
            : await db.Set<Contact>().AsNoTracking().Where(c => c.Id == contactId)
                .Select(c => new ContactSummary(c.Id, c.CustomerId, c.Name, c.Title)).FirstOrDefaultAsync(ct);
        return contact is not null && await FindVisible(contact.CustomerId, ct) is not null ? contact : null;
    }

    /// <summary>
    /// Gives customers to new owners (their team follows the owner), in the caller's unit of work; the data layer audits
    /// each change. The caller (a hand-over) has checked that the acting user may do this.
    /// </summary>
    public async Task Reassign(IReadOnlyDictionary<Guid, (Guid OwnerId, Guid? TeamId)> moves, CancellationToken ct)
    {
        var ids = moves.Keys.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var customer in await db.Set<Customer>().Where(c => ids.Contains(c.Id)).ToListAsync(ct))
        {
            var (owner, team) = moves[customer.Id];
            customer.OwnerId = owner;
            customer.TeamId = team;
            customer.UpdatedAt = now;
        }
    }

    /// <summary>The kind of a customer (any, without an access check); null when there is none.</summary>
    public async Task<CustomerKind?> KindOf(Guid id, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().Where(c => c.Id == id).Select(c => (CustomerKind?)c.Kind).FirstOrDefaultAsync(ct);

    /// <summary>Whether the caller may change the customer (and what hangs on it: contacts, consents).</summary>
    public async Task<bool> CanWrite(Guid id, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } customer && await access.CanWrite(customer, ct);

    /// <summary>The lawful basis recorded on a customer or a contact (DOMAIN P2); null when there is no such record.</summary>
    public async Task<LegalBasis?> LegalBasisOf(Guid id, bool contact, CancellationToken ct) => contact
        ? await db.Set<Contact>().AsNoTracking().Where(c => c.Id == id).Select(c => (LegalBasis?)c.LegalBasis).FirstOrDefaultAsync(ct)
        : await db.Set<Customer>().AsNoTracking().Where(c => c.Id == id).Select(c => (LegalBasis?)c.LegalBasis).FirstOrDefaultAsync(ct);

    /// <summary>The first phone of each visible customer, when the caller's role sees contact details.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> PhonesOf(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0 || !await privacy.MaySearchContactPoints(ct)) return new Dictionary<Guid, string>();
        var list = ids.Distinct().ToList();
        var rows = await (await access.Visible(db.Set<Customer>().AsNoTracking(), ct)).Where(c => list.Contains(c.Id))
            .Select(c => new { c.Id, c.Phones }).ToListAsync(ct);
        return rows.Where(r => r.Phones.Count > 0).ToDictionary(r => r.Id, r => r.Phones[0]);
    }

    /// <summary>The oldest unarchived customer holding one of these phones or emails (its own or a contact's), without an access check.</summary>
    public async Task<CustomerSummary?> FindByContactPoint(IReadOnlyCollection<string> phones, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var phoneValues = phones.Select(ContactPoints.NormalizePhone).OfType<string>().Distinct().ToList();
        var emailValues = emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct().ToList();
        if (phoneValues.Count == 0 && emailValues.Count == 0) return null;
        var own = db.Set<CustomerLookup>()
            .Where(l => (l.Kind == LookupKind.Phone && phoneValues.Contains(l.Value)) || (l.Kind == LookupKind.Email && emailValues.Contains(l.Value)))
            .Select(l => l.CustomerId);
        var contacts = db.Set<ContactLookup>()
            .Where(l => (l.Kind == LookupKind.Phone && phoneValues.Contains(l.Value)) || (l.Kind == LookupKind.Email && emailValues.Contains(l.Value)))
            .Select(l => l.CustomerId);
        // The ids first, then the customers: as one statement with IN (subquery), PostgreSQL's generic plan for it (once
        // Npgsql has prepared it) walks the customers in creation order testing each (as the web form's lead lookup did).
        var held = await own.Union(contacts).ToListAsync(ct);
        if (held.Count == 0) return null;
        return await db.Set<Customer>().AsNoTracking()
            .Where(c => c.ArchivedAt == null && held.Contains(c.Id))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CustomerSummary(c.Id, c.Name, c.OwnerId, c.TeamId, c.Grade, false, c.Province, c.City))
            .FirstOrDefaultAsync(ct);
    }

    private static IQueryable<CustomerRef> Project(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerRef { Id = c.Id, Name = c.Name, OwnerId = c.OwnerId, TeamId = c.TeamId, Grade = c.Grade, Industry = c.Industry,
            ExternalId = c.ExternalId, CreditCode = c.CreditCode });

    /// <summary>Read by projection, so the values are the stored ones even while an erasure has blanked the tracked records.</summary>
    public async Task<SubjectContactPoints> ContactPointsOf(Keqing.Modules.Privacy.Contracts.DataSubject subject, CancellationToken ct)
    {
        var contacts = subject.Type == Keqing.Modules.Privacy.Contracts.SubjectType.Contact
            ? db.Set<Contact>().Where(c => c.Id == subject.Id)
            : db.Set<Contact>().Where(c => c.CustomerId == subject.Id);
        var points = await contacts.Select(c => new { c.Phones, c.Emails }).ToListAsync(ct);
        if (subject.Type == Keqing.Modules.Privacy.Contracts.SubjectType.Customer)
            points.AddRange(await db.Set<Customer>().Where(c => c.Id == subject.Id).Select(c => new { c.Phones, c.Emails }).ToListAsync(ct));
        return new SubjectContactPoints(points.SelectMany(p => p.Phones).Distinct().ToList(), points.SelectMany(p => p.Emails).Distinct().ToList());
    }
}
