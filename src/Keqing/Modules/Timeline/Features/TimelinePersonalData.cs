using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// The timeline's part in a data-subject request (DOMAIN P3). For a person customer it exports the timeline,
/// interactions, commitments and tasks, and erasure blanks their free text (subjects, notes, outcomes) while the records,
/// their dates, channels and counts stay for statistics and cadence. For a contact it exports the interactions they
/// took part in and the tasks and commitments about them, and erasure drops their contact wishes.
/// </summary>
public sealed class TimelinePersonalData(KeqingDb db, ICustomerDirectory customers, AuditInterceptor audit) : IPersonalDataStep
{
    /// <summary>What an erased title reads as.</summary>
    public const string Erased = "[erased]";

    public string Part => "timeline";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type == SubjectType.Contact)
        {
            var contact = await customers.FindVisibleContact(subject.Id, ct);
            if (contact is null) return new Dictionary<string, IReadOnlyList<object>>();
            var interactions = (await db.Set<Interaction>().AsNoTracking().Where(i => i.CustomerId == contact.CustomerId).ToListAsync(ct))
                .Where(i => i.ContactIds.Contains(subject.Id)).ToList();
            return new Dictionary<string, IReadOnlyList<object>>
            {
                ["interactions"] = interactions.Select(i => (object)i.ToDto([])).ToList(),
                ["tasks"] = (await db.Set<TaskItem>().AsNoTracking().Where(t => t.ContactId == subject.Id).ToListAsync(ct)).Select(t => (object)t.ToDto(t.DueAt)).ToList(),
                ["commitments"] = (await db.Set<Commitment>().AsNoTracking().Where(c => c.ContactId == subject.Id).ToListAsync(ct)).Select(c => (object)c.ToDto(c.DueAt)).ToList(),
                ["preferences"] = (await db.Set<ContactPreference>().AsNoTracking().Where(p => p.ContactId == subject.Id).ToListAsync(ct)).Select(p => (object)new { p.ContactId, p.PersonalOccasionOptIn, p.UpdatedAt }).ToList(),
            };
        }
        var id = subject.Id;
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["entries"] = (await db.Set<TimelineEntry>().AsNoTracking().Where(e => e.CustomerId == id).OrderBy(e => e.OccurredAt).ToListAsync(ct))
                .Select(e => (object)new { e.Id, e.OccurredAt, e.Type, e.Channel, e.Title, e.Summary, e.SourceModule, e.SourceId }).ToList(),
            ["interactions"] = (await db.Set<Interaction>().AsNoTracking().Where(i => i.CustomerId == id).OrderBy(i => i.OccurredAt).ToListAsync(ct)).Select(i => (object)i.ToDto([])).ToList(),
            ["tasks"] = (await db.Set<TaskItem>().AsNoTracking().Where(t => t.CustomerId == id).ToListAsync(ct)).Select(t => (object)t.ToDto(t.DueAt)).ToList(),
            ["commitments"] = (await db.Set<Commitment>().AsNoTracking().Where(c => c.CustomerId == id).ToListAsync(ct)).Select(c => (object)c.ToDto(c.DueAt)).ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type == SubjectType.Contact)
        {
            var preferences = await db.Set<ContactPreference>().Where(p => p.ContactId == subject.Id).ToListAsync(ct);
            foreach (var p in preferences) audit.RedactValuesOf(p.Id);
            db.RemoveRange(preferences);
            return ErasedData.Count(preferences.Count);
        }
        var id = subject.Id;
        var count = 0;
        foreach (var i in await db.Set<Interaction>().Where(i => i.CustomerId == id).ToListAsync(ct))
        {
            audit.RedactValuesOf(i.Id);
            (i.Subject, i.Notes, i.Outcome, i.NextStep) = (Erased, null, null, null);
            count++;
        }
        foreach (var e in await db.Set<TimelineEntry>().Where(e => e.CustomerId == id).ToListAsync(ct))
            (e.Title, e.Summary) = (Erased, null);
        foreach (var t in await db.Set<TaskItem>().Where(t => t.CustomerId == id).ToListAsync(ct))
        {
            audit.RedactValuesOf(t.Id);
            (t.Title, t.Notes) = (Erased, null);
            count++;
        }
        foreach (var c in await db.Set<Commitment>().Where(c => c.CustomerId == id).ToListAsync(ct))
        {
            audit.RedactValuesOf(c.Id);
            (c.What, c.CloseNote) = (Erased, null);
            count++;
        }
        var customerPreferences = await db.Set<ContactPreference>().Where(p => p.CustomerId == id).ToListAsync(ct);
        foreach (var p in customerPreferences) audit.RedactValuesOf(p.Id);
        db.RemoveRange(customerPreferences);
        return ErasedData.Count(count + customerPreferences.Count);
    }
}
