using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The cases' emails in a data-subject request (DOMAIN P3), beside <see cref="CasePersonalData"/> (which erases the
/// conversation itself): the addresses of the emails of the subject's cases and of any case email from or to one of the
/// subject's addresses. Erasure replaces the address, keeping the Message-ID (not personal, and still threading).
/// </summary>
public sealed class CaseMailPersonalData(KeqingDb db, ICustomerDirectory customers) : IPersonalDataStep
{
    public string Part => "service-mail";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        var rows = await (await EmailsOf(subject, ct)).AsNoTracking().OrderBy(e => e.At).ToListAsync(ct);
        var tables = new Dictionary<string, IReadOnlyList<object>>();
        if (rows.Count > 0) tables["emails"] = rows.Select(e => (object)new { e.CaseId, e.Direction, e.MessageId, e.Address, e.At }).ToList();
        return tables;
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var rows = await (await EmailsOf(subject, ct)).ToListAsync(ct);
        foreach (var e in rows) e.Address = CasePersonalData.Erased;
        return ErasedData.Count(rows.Count);
    }

    private async Task<IQueryable<CaseEmail>> EmailsOf(DataSubject subject, CancellationToken ct)
    {
        var addresses = (await customers.ContactPointsOf(subject, ct)).Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct().ToList();
        var cases = subject.Type == SubjectType.Contact
            ? db.Set<ServiceCase>().Where(c => c.ContactId == subject.Id).Select(c => c.Id)
            : db.Set<ServiceCase>().Where(c => c.CustomerId == subject.Id).Select(c => c.Id);
        return db.Set<CaseEmail>().Where(e => cases.Contains(e.CaseId) || addresses.Contains(e.Address));
    }
}
