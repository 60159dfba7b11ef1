using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>What became of a visitor's post.</summary>
public enum FormPostOutcome { LeadCreated, AttachedToLead, AttachedToCustomer, Dropped }

/// <summary>
/// A visitor's post of a web form (DOMAIN M5): a filled honeypot is thanked and dropped; the fill time and every field
/// are checked (messages in the visitor's language); a phone or email already held attaches the inquiry to that lead or
/// customer and tells its owner, otherwise a lead is made through <see cref="CreateLead"/>. Every kept post is a
/// <see cref="FormSubmission"/>. The consent, when ticked, is kept on the submission (with the form's text version) and
/// gives the lead the legal basis Consent: Privacy's consents belong to customers and contacts, not to leads yet.
/// </summary>
public sealed class SubmitLeadForm(KeqingDb db, CreateLead createLead, LeadScoring scoring, FormFillTime fillTime,
    ICustomerDirectory customers, INotifier notifier, ITimelinePublisher timeline, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The active form with this key, or null (an unknown, inactive or over-long key).</summary>
    public async Task<LeadForm?> FindActive(string? key, CancellationToken ct) =>
        string.IsNullOrEmpty(key) || key.Length > 40 ? null
            : await db.Set<LeadForm>().AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.Active, ct);

    public async Task<FormPostOutcome> Submit(LeadForm form, IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(ValueOf(values, LeadFormFields.Honeypot))) return FormPostOutcome.Dropped;
        var given = Check(form, values);
        var consent = form.AsksConsent && LeadFormFields.IsTicked(ValueOf(values, LeadFormFields.Consent));
        var now = time.GetUtcNow().UtcDateTime;
        var submission = new FormSubmission
        {
            FormId = form.Id, SubmittedAt = now, Values = JsonSerializer.Serialize(given, Json),
            ConsentGiven = consent, ConsentVersion = consent ? form.ConsentVersion : null,
        };
        List<string> phones = given.TryGetValue(LeadFormFields.Phone, out var phone) ? [phone] : [];
        List<string> emails = given.TryGetValue(LeadFormFields.Email, out var email) ? [email] : [];

        // Two posts with the same phone or email at once must not both find nothing held and both make a lead: the
        // lookup and the writes run in one transaction holding a lock on each contact point.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AdvisoryLocks.Take(db, ContactPointKeys(phones, emails), ct);
            var outcome = await Record(form, submission, given, consent, phones, emails, now, ct);
            await transaction.CommitAsync(ct);
            return outcome;
        });
    }

    private async Task<FormPostOutcome> Record(LeadForm form, FormSubmission submission, Dictionary<string, string> given, bool consent,
        List<string> phones, List<string> emails, DateTime now, CancellationToken ct)
    {
        var summary = Summary(form, given);
        var outcome = FormPostOutcome.LeadCreated;
        var lead = await HeldLead(phones, emails, ct);
        CustomerSummary? customer = null;
        if (lead is { Status: LeadStatus.Converted, ConvertedCustomerId: { } convertedTo })
            customer = (await customers.Find([convertedTo], ct)).GetValueOrDefault(convertedTo) is { Archived: false } c ? c : null;
        else if (lead is null)
            customer = await customers.FindByContactPoint(phones, emails, ct);

        if (customer is not null)
        {
            submission.CustomerId = customer.Id;
            timeline.Publish(new TimelineEntryInput(customer.Id, now, "web-form", null, null, null,
                TextResources.Find("Web form: {0}", KeqingHost.DefaultCulture).Replace("{0}", form.Name, StringComparison.Ordinal),
                summary, "leads", submission.Id));
            await notifier.Notify(new NotificationRequest(EventTypes.LeadInquiry, customer.OwnerId, "Web inquiry from {0}",
                "Your customer {0} sent the form {1} again.", $"/customers/{customer.Id}/timeline", [customer.Name, form.Name]), ct);
            outcome = FormPostOutcome.AttachedToCustomer;
        }
        else if (lead is not null && lead.Status != LeadStatus.Converted)
        {
            if (consent && lead.LegalBasis == LegalBasis.None) lead.LegalBasis = LegalBasis.Consent;
            AddContactPoints(lead, phones, emails);
            lead.UpdatedAt = now;
            await AttachTo(lead, submission, summary, now, ct);
            await notifier.Notify(new NotificationRequest(EventTypes.LeadInquiry, lead.OwnerId, "Web inquiry from {0}",
                "Your lead {0} sent the form {1} again.", $"/leads/{lead.Id}", [DisplayName(lead), form.Name]), ct);
            outcome = FormPostOutcome.AttachedToLead;
        }
        else
        {
            var input = new LeadInput(
                Get(given, LeadFormFields.Name), Get(given, LeadFormFields.Company), Get(given, LeadFormFields.Title), phones, emails,
                Get(given, LeadFormFields.Province), Get(given, LeadFormFields.City), Get(given, LeadFormFields.Industry),
                LeadFormFields.Sizes.FirstOrDefault(s => s.Value == Get(given, LeadFormFields.CompanySize)).Size, null,
                form.Source, form.SourceDetail, consent ? LegalBasis.Consent : LegalBasis.None, Get(given, LeadFormFields.Message));
            var created = await createLead.Add(input, form.CreatedById, null, ct);
            await AttachTo(created, submission, summary, now, ct);
        }
        db.Add(submission);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>The posted values of the form's fields, trimmed and checked; 400 naming every bad field in the visitor's language.</summary>
    private Dictionary<string, string> Check(LeadForm form, IReadOnlyDictionary<string, string?> values)
    {
        var errors = new FieldErrors();
        switch (fillTime.Check(form.Key, ValueOf(values, LeadFormFields.Timing)))
        {
            case FormFillTime.Verdict.Missing:
                errors.Add(LeadFormFields.Timing, FieldErrors.Text("This page is out of date: reload it and send the form again."));
                break;
            case FormFillTime.Verdict.TooFast:
                errors.Add(LeadFormFields.Timing, FieldErrors.Text("Sent too quickly: check your answers and send the form again."));
                break;
        }
        var fields = LeadFormFields.Read(form.Fields);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (LeadFormFields.Find(field.Field) is not { } definition) continue;
            var value = ValueOf(values, field.Field)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required) errors.Add(field.Field, FieldErrors.Text("Required."));
                continue;
            }
            if (ControlCharacters.FirstIn(value) is { } c)
                errors.Add(field.Field, FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
            else if (value.Length > definition.MaxLength)
                errors.Add(field.Field, FieldErrors.Text("At most {0} characters (got {1}).", definition.MaxLength, value.Length));
            else if (field.Field == LeadFormFields.Email && !FieldErrors.IsEmail(value))
                errors.Add(field.Field, FieldErrors.Text("Not a valid email address."));
            else if (field.Field == LeadFormFields.Phone && !PhoneNumbers.IsValid(value))
                errors.Add(field.Field, FieldErrors.Text("Not a phone number we can call: a mobile, a landline with its area code, or +country code."));
            else if (field.Field == LeadFormFields.CompanySize && LeadFormFields.Sizes.All(s => s.Value != value))
                errors.Add(field.Field, FieldErrors.Text("Pick one of the listed sizes."));
            else given[field.Field] = value;
        }
        var asked = fields.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        if (!errors.Any)
        {
            if (!given.ContainsKey(LeadFormFields.Name) && !given.ContainsKey(LeadFormFields.Company))
                errors.Add(asked.Contains(LeadFormFields.Name) ? LeadFormFields.Name : LeadFormFields.Company, FieldErrors.Text("Give your name or your company."));
            if (!given.ContainsKey(LeadFormFields.Phone) && !given.ContainsKey(LeadFormFields.Email))
                errors.Add(asked.Contains(LeadFormFields.Phone) ? LeadFormFields.Phone : LeadFormFields.Email, FieldErrors.Text("Give a phone or an email, so we can answer you."));
        }
        errors.ThrowIfAny();
        return given;
    }

    private static IEnumerable<string> ContactPointKeys(List<string> phones, List<string> emails) =>
        phones.Select(ContactPoints.NormalizePhone).OfType<string>().Select(p => "lead-phone:" + p)
            .Concat(emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Select(e => "lead-email:" + e));

    /// <summary>The oldest unarchived lead holding one of these phones or emails (normalised), tracked; null when none does.</summary>
    private async Task<Lead?> HeldLead(List<string> phones, List<string> emails, CancellationToken ct)
    {
        var phoneValues = phones.Select(ContactPoints.NormalizePhone).OfType<string>().ToList();
        var emailValues = emails.Select(ContactPoints.NormalizeEmail).OfType<string>().ToList();
        if (phoneValues.Count == 0 && emailValues.Count == 0) return null;
        // Two statements, not one with IN (subquery): once Npgsql has prepared that one, PostgreSQL's generic plan for it
        // (costed without the values) walks every lead in creation order testing each against the lookups, seconds at
        // a few thousand leads (issue 14's web-form bench). Each of these two is an index lookup whatever the plan.
        var held = await db.Set<LeadLookup>()
            .Where(l => (l.Kind == LeadLookupKind.Phone && phoneValues.Contains(l.Value)) || (l.Kind == LeadLookupKind.Email && emailValues.Contains(l.Value)))
            .Select(l => l.LeadId).Distinct().ToListAsync(ct);
        if (held.Count == 0) return null;
        return await db.Set<Lead>().Where(l => l.ArchivedAt == null && held.Contains(l.Id))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>A phone or email the lead did not have yet joins it (and its lookups), so the next post finds it by either.</summary>
    private void AddContactPoints(Lead lead, List<string> phones, List<string> emails)
    {
        var held = CreateLead.LookupsOf(lead).Select(l => (l.Kind, l.Value)).ToHashSet();
        var newPhones = phones.Where(p => ContactPoints.NormalizePhone(p) is { } v && !held.Contains((LeadLookupKind.Phone, v))).ToList();
        var newEmails = emails.Where(e => ContactPoints.NormalizeEmail(e) is { } v && !held.Contains((LeadLookupKind.Email, v))).ToList();
        if (newPhones.Count == 0 && newEmails.Count == 0) return;
        lead.Phones = [.. lead.Phones, .. newPhones];
        lead.Emails = [.. lead.Emails, .. newEmails];
        db.AddRange(CreateLead.LookupsOf(lead).Where(l => !held.Contains((l.Kind, l.Value))));
    }

    private async Task AttachTo(Lead lead, FormSubmission submission, string summary, DateTime now, CancellationToken ct)
    {
        submission.LeadId = lead.Id;
        db.Add(new LeadActivity
        {
            LeadId = lead.Id, Kind = LeadActivityKind.FormSubmitted, OccurredAt = now, Text = summary, SubmissionId = submission.Id,
        });
        await scoring.Rescore(lead, ct);
    }

    /// <summary>The post as lines "label: value" (zh-CN labels), for the lead's history and the customer's timeline.</summary>
    private static string Summary(LeadForm form, Dictionary<string, string> given)
    {
        var text = new StringBuilder();
        foreach (var field in LeadFormFields.Read(form.Fields))
            if (given.TryGetValue(field.Field, out var value))
                text.Append(field.LabelZh ?? field.Field).Append('：').Append(value).Append('\n');
        return text.ToString().TrimEnd();
    }

    private static string DisplayName(Lead lead) => lead.Name.Length > 0 ? lead.Name : lead.Company ?? "";

    private static string? Get(Dictionary<string, string> given, string field) => given.GetValueOrDefault(field);

    private static string? ValueOf(IReadOnlyDictionary<string, string?> values, string field) => values.GetValueOrDefault(field);
}
