using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Customers and contacts as the data subjects Privacy serves (consents, reveals, data-subject requests).</summary>
public sealed class CustomerDataSubjects(KeqingDb db, ICustomerDirectory customers) : IDataSubjects
{
    public async Task<DataSubjectInfo?> FindVisible(DataSubject subject, CancellationToken ct)
    {
        var customerId = subject.Id;
        if (subject.Type == SubjectType.Contact)
        {
            if (await customers.FindVisibleContact(subject.Id, ct) is not { } contact) return null;
            customerId = contact.CustomerId;
        }
        else if (await customers.FindVisible(subject.Id, ct) is null) return null;
        var kind = await customers.KindOf(customerId, ct);
        return new DataSubjectInfo(subject, customerId, subject.Type == SubjectType.Contact || kind == CustomerKind.Person,
            await customers.CanWrite(customerId, ct));
    }

    public async Task<bool> HasLawfulBasis(DataSubject subject, CancellationToken ct) =>
        await customers.LegalBasisOf(subject.Id, subject.Type == SubjectType.Contact, ct) is { } basis && basis != LegalBasis.None;

    public async Task<IReadOnlyList<Guid>> ContactsOf(Guid customerId, CancellationToken ct) =>
        await db.Set<Contact>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).Take(500).Select(c => c.Id).ToListAsync(ct);
}
