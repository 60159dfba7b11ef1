using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// A contact's wish about personal-occasion contact (DOMAIN P4), kept in Timeline's own table because contacts belong
/// to Customers; whoever may see the contact's customer may read it, whoever may change that customer (owner, manager,
/// admin, a read-write share) may record it, and the change is audited.
/// </summary>
public sealed class ContactPreferences(KeqingDb db, ICustomerDirectory customers, TimeProvider clock)
{
    public async Task<ContactPreferenceDto> Get(Guid contactId, CancellationToken ct)
    {
        var contact = await customers.FindVisibleContact(contactId, ct) ?? throw new NotFoundException("contact");
        var optIn = await db.Set<ContactPreference>().AsNoTracking().Where(p => p.ContactId == contactId)
            .Select(p => p.PersonalOccasionOptIn).FirstOrDefaultAsync(ct);
        return new ContactPreferenceDto(contact.Id, contact.CustomerId, optIn);
    }

    public async Task<ContactPreferenceDto> Put(Guid contactId, bool personalOccasionOptIn, CancellationToken ct)
    {
        var contact = await customers.FindVisibleContact(contactId, ct) ?? throw new NotFoundException("contact");
        if (!await customers.CanWrite(contact.CustomerId, ct))
            throw new ForbiddenException(FieldErrors.Text("You may read this customer but not change it."));
        var row = await db.Set<ContactPreference>().FirstOrDefaultAsync(p => p.ContactId == contactId, ct);
        if (row is null) db.Add(row = new ContactPreference { ContactId = contact.Id, CustomerId = contact.CustomerId });
        row.PersonalOccasionOptIn = personalOccasionOptIn;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new ContactPreferenceDto(contact.Id, contact.CustomerId, row.PersonalOccasionOptIn);
    }
}
