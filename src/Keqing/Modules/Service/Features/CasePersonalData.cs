using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The cases' part in a data-subject request (DOMAIN P3) beyond what Privacy's generic step does with a case's
/// [SubjectLink] to its customer: the conversation (replies, notes and the customer's messages) and the files of a
/// customer's cases, and for a contact person the cases they raised (subject, description, conversation, files). Erasure
/// puts placeholders in the text and deletes the files, keeping numbers, statuses and times (the service history counts),
/// and clears the notes and results of the cases' field dispatches.
/// </summary>
public sealed class CasePersonalData(KeqingDb db, AuditInterceptor audit, IFieldDispatch dispatches) : IPersonalDataStep
{
    public const string Erased = "[erased]";

    public string Part => "service";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        var cases = await CasesOf(subject).AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var messages = await db.Set<CaseMessage>().AsNoTracking().Where(m => ids.Contains(m.CaseId)).OrderBy(m => m.At).ToListAsync(ct);
        var files = await db.Set<CaseAttachment>().AsNoTracking().Where(a => ids.Contains(a.CaseId))
            .Select(a => new { a.CaseId, a.FileName, a.ContentType, a.Size, a.UploadedAt }).ToListAsync(ct);
        var tables = new Dictionary<string, IReadOnlyList<object>>();
        if (cases.Count == 0) return tables;
        tables["cases"] = cases.Select(c => (object)new { c.Id, c.Number, c.Subject, c.Description, c.Type, c.Status, c.CreatedAt, c.ResolvedAt, c.ClosedAt }).ToList();
        tables["messages"] = messages.Select(m => (object)new { m.CaseId, m.Kind, m.Body, m.At }).ToList();
        tables["files"] = files.Cast<object>().ToList();
        return tables;
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var cases = await CasesOf(subject).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        foreach (var c in cases)
        {
            audit.RedactValuesOf(c.Id);
            (c.Subject, c.Description) = (Erased, null);
        }
        // Tracked changes, not set-based updates: they commit with the rest of the erasure or not at all.
        var messages = await db.Set<CaseMessage>().Where(m => ids.Contains(m.CaseId)).ToListAsync(ct);
        foreach (var m in messages)
        {
            audit.RedactValuesOf(m.Id);
            m.Body = Erased;
        }
        db.RemoveRange(await db.Set<CaseAttachment>().Where(a => ids.Contains(a.CaseId)).ToListAsync(ct));
        // The cases' field dispatches: their note and result are about the same matter (a contact's case included, which
        // Field work's own step, by customer, does not reach).
        var erasedDispatches = await dispatches.EraseNotes(CaseSla.RecordType, ids, ct);
        return ErasedData.Count(cases.Count + messages.Count + erasedDispatches);
    }

    private IQueryable<ServiceCase> CasesOf(DataSubject subject) => subject.Type == SubjectType.Contact
        ? db.Set<ServiceCase>().Where(c => c.ContactId == subject.Id)
        : db.Set<ServiceCase>().Where(c => c.CustomerId == subject.Id);
}
