using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The leads' part in a data-subject request (DOMAIN P3). A person's leads are those converted into the subject and
/// those holding one of the subject's phones or emails (normalised, through the lookups); a name alone is not enough
/// to say two records are one person. Export gives the leads, their activities and form posts; erasure puts
/// placeholders in the leads' personal fields and the titles of the tasks about them, removes their lookups, and clears
/// activity texts and the values of form posts, keeping ids, dates, sources, statuses and scores for the statistics.
/// </summary>
public sealed class LeadPersonalData(KeqingDb db, ICustomerDirectory customers, ISubjectTasks tasks, AuditInterceptor audit) : IPersonalDataStep
{
    /// <summary>What an erased name reads as.</summary>
    public const string ErasedName = "[erased]";

    public string Part => "leads";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        var ids = await LeadsOf(subject, ct);
        var leads = await db.Set<Lead>().AsNoTracking().Where(l => ids.Contains(l.Id)).OrderBy(l => l.CreatedAt).ToListAsync(ct);
        var activities = await db.Set<LeadActivity>().AsNoTracking().Where(a => ids.Contains(a.LeadId)).OrderBy(a => a.OccurredAt).ToListAsync(ct);
        var posts = await db.Set<FormSubmission>().AsNoTracking().Where(s => s.LeadId != null && ids.Contains(s.LeadId.Value)).OrderBy(s => s.SubmittedAt).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["leads"] = leads.Select(l => (object)l.ToDto()).ToList(),
            ["activities"] = activities.Select(a => (object)a.ToDto()).ToList(),
            ["form-submissions"] = posts.Select(s => (object)new { s.Id, s.FormId, s.SubmittedAt, s.Values, s.ConsentGiven, s.ConsentVersion, s.LeadId, s.CustomerId }).ToList(),
            ["tasks"] = (await tasks.ExportAbout(LeadTaskSubject.LeadRecordType, ids, ct)).Cast<object>().ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var ids = await LeadsOf(subject, ct);
        var phones = new List<string>();
        var emails = new List<string>();
        var leads = await db.Set<Lead>().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
        foreach (var lead in leads)
        {
            audit.RedactValuesOf(lead.Id);
            phones.AddRange(lead.Phones);
            emails.AddRange(lead.Emails);
            lead.Name = ErasedName;
            lead.Title = null;
            lead.Phones = [];
            lead.Emails = [];
            lead.Notes = null;
            lead.LegalBasis = LegalBasis.None;
            lead.SearchText = CreateLead.SearchTextOf(lead);
        }
        db.RemoveRange(await db.Set<LeadLookup>().Where(l => ids.Contains(l.LeadId)).ToListAsync(ct));
        // Tracked changes, not set-based updates: they commit with the rest of the erasure or not at all.
        foreach (var activity in await db.Set<LeadActivity>().Where(a => ids.Contains(a.LeadId) && a.Text != null).ToListAsync(ct))
            activity.Text = null;
        foreach (var post in await db.Set<FormSubmission>()
                     .Where(s => (s.LeadId != null && ids.Contains(s.LeadId.Value)) || s.CustomerId == subject.Id).ToListAsync(ct))
            post.Values = "{}";
        await tasks.EraseAbout(LeadTaskSubject.LeadRecordType, ids, ct);
        return new ErasedData(leads.Count, phones, emails, []);
    }

    /// <summary>The ids of the subject's leads: converted into it, or holding one of its phones or emails.</summary>
    private async Task<List<Guid>> LeadsOf(DataSubject subject, CancellationToken ct)
    {
        var points = await customers.ContactPointsOf(subject, ct);
        var phones = points.Phones.Select(ContactPoints.NormalizePhone).OfType<string>().Distinct().ToList();
        var emails = points.Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct().ToList();
        var byLookup = await db.Set<LeadLookup>()
            .Where(l => (l.Kind == LeadLookupKind.Phone && phones.Contains(l.Value)) || (l.Kind == LeadLookupKind.Email && emails.Contains(l.Value)))
            .Select(l => l.LeadId).ToListAsync(ct);
        var converted = await db.Set<Lead>()
            .Where(l => subject.Type == SubjectType.Customer ? l.ConvertedCustomerId == subject.Id : l.ConvertedContactId == subject.Id)
            .Select(l => l.Id).ToListAsync(ct);
        return byLookup.Concat(converted).Distinct().ToList();
    }
}
