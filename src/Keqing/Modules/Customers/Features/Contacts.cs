using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Features;

/// <summary>The key persons of a customer; whoever may read (change) the customer may read (change) its contacts.</summary>
public sealed class Contacts(KeqingDb db, IRecordAccess access, CustomerReadScope readScope, CustomerPrivacy privacy, TimeProvider clock)
{
    public async Task<IReadOnlyList<ContactDto>> List(Guid customerId, CancellationToken ct)
    {
        await readScope.Find(customerId, ct);
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).Take(500).ToListAsync(ct);
        return await privacy.Protect(contacts.Select(c => c.ToDto()).ToList(), log: true, ct);
    }

    public async Task<ContactDto> Get(Guid id, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("contact");
        await readScope.Find(contact.CustomerId, ct);
        return await privacy.Protect(contact.ToDto(), log: true, ct);
    }

    public async Task<ContactDto> Create(Guid customerId, ContactInput input, CancellationToken ct)
    {
        var contact = await Add(customerId, input, ct);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(contact.ToDto(), log: false, ct);
    }

    /// <summary><see cref="Create"/> without saving; the customer may also be one added (not yet saved) in this unit of work.</summary>
    public async Task<Contact> Add(Guid customerId, ContactInput input, CancellationToken ct)
    {
        if (!db.ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Added && e.Entity.Id == customerId)) await Writable(customerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var contact = new Contact { CustomerId = customerId, CreatedAt = now, UpdatedAt = now };
        Apply(contact, input);
        db.Add(contact);
        db.AddRange(ContactSearch.Rows(contact));
        return contact;
    }

    /// <summary>
    /// For the mail triage: adds an email to a contact of a customer the caller may read, unless it holds it already;
    /// not saved. (The triage's capability is the authority, see <see cref="ICustomerCreator"/>.)
    /// </summary>
    public async Task AddEmail(Guid contactId, string email, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == contactId, ct) ?? throw new NotFoundException("contact");
        await readScope.Find(contact.CustomerId, ct);
        var normalized = ContactPoints.NormalizeEmail(email);
        if (normalized is null || !FieldErrors.IsEmail(email.Trim()))
            throw new ValidationFailedException("emails", FieldErrors.Text("'{0}' is not an email address.", Short(email)));
        if (contact.Emails.Any(e => ContactPoints.NormalizeEmail(e) == normalized)) return;
        if (contact.Emails.Count >= 20) throw new ValidationFailedException("emails", FieldErrors.Text("At most {0} entries.", 20));
        contact.Emails = [.. contact.Emails, email.Trim()];
        contact.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await ContactSearch.Replace(db, contact, ct);
    }

    /// <summary>For the mail triage: a new contact with a name and an email for a customer the caller may read; not saved.</summary>
    public async Task<Contact> AddFromMail(Guid customerId, string name, string email, CancellationToken ct)
    {
        await readScope.Find(customerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var contact = new Contact { CustomerId = customerId, CreatedAt = now, UpdatedAt = now };
        Apply(contact, new ContactInput(name, Emails: [email], Source: "email"));
        db.Add(contact);
        db.AddRange(ContactSearch.Rows(contact));
        return contact;
    }

    public async Task<ContactDto> Update(Guid id, long expectedVersion, ContactInput input, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("contact");
        await Writable(contact.CustomerId, ct);
        Preconditions.ExpectVersion(db, contact, expectedVersion);
        Apply(contact, await privacy.KeepHidden(contact, input, ct));
        contact.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await ContactSearch.Replace(db, contact, ct);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(contact.ToDto(), log: false, ct);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("contact");
        await Writable(contact.CustomerId, ct);
        db.Remove(contact);
        await db.SaveChangesAsync(ct);
    }

    private async Task Writable(Guid customerId, CancellationToken ct)
    {
        var customer = await access.FindVisible(db.Set<Customer>().AsNoTracking(), customerId, ct);
        await access.EnsureCanWrite(customer, ct);
    }

    private void Apply(Contact contact, ContactInput input)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 100)
            .MaxLength("title", input.Title, 100).MaxLength("hobbies", input.Hobbies, 1000).MaxLength("notes", input.Notes, 4000).MaxLength("family", input.Family, 2000).MaxLength("source", input.Source, 100);
        if (input.LegalBasis is { } basis && !Enum.IsDefined(basis)) errors.Add("legalBasis", FieldErrors.Text("Unknown legal basis."));
        if (input.Phones is { Count: > 20 }) errors.Add("phones", FieldErrors.Text("At most {0} entries.", 20));
        if (input.Emails is { Count: > 20 }) errors.Add("emails", FieldErrors.Text("At most {0} entries.", 20));
        foreach (var phone in input.Phones ?? [])
            if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumbers.IsValid(phone)) errors.Add("phones", FieldErrors.Text(PhoneNumbers.Message, Short(phone)));
        foreach (var email in input.Emails ?? [])
            if (!string.IsNullOrWhiteSpace(email) && !FieldErrors.IsEmail(email.Trim())) errors.Add("emails", FieldErrors.Text("'{0}' is not an email address.", Short(email)));
        if (input.Birthday is { } b && (b > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) || b.Year < 1900))
            errors.Add("birthday", FieldErrors.Text("The birthday must be a past date after 1900."));
        errors.ThrowIfAny();
        contact.Name = input.Name!.Trim();
        contact.Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        contact.Phones = input.Phones?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList() ?? [];
        contact.Emails = input.Emails?.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList() ?? [];
        contact.Birthday = input.Birthday;
        contact.Hobbies = string.IsNullOrWhiteSpace(input.Hobbies) ? null : input.Hobbies.Trim();
        contact.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        contact.Family = string.IsNullOrWhiteSpace(input.Family) ? null : input.Family.Trim();
        contact.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        if (input.LegalBasis is { } legalBasis) contact.LegalBasis = legalBasis;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
