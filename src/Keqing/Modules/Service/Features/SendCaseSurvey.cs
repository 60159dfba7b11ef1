using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// When a case is resolved and its contact has an email, the contact gets a satisfaction survey (CSAT and NPS) by email
/// through the outbox, in the unit of work that resolves the case: the survey and its email exist exactly when the
/// resolution does. A case resolved again while its last survey still waits for an answer sends no second one.
/// </summary>
public sealed class SendCaseSurvey(KeqingDb db, ICustomerDirectory customers, IEmailOutbox mail, SurveyTokens tokens,
    IOptions<SurveyOptions> options, TimeProvider clock) : IBeforeCommitHandler<CaseResolved>
{
    public const string EventType = "service.survey";

    public async Task Handle(CaseResolved e, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled || e.ContactId is not { } contactId) return;
        var c = await db.Set<ServiceCase>().FindAsync([e.CaseId], ct);
        if (c is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<CaseSurvey>().AnyAsync(s => s.CaseId == c.Id && s.AnsweredAt == null && s.ExpiresAt > now, ct)) return;
        var points = await customers.ContactPointsOf(new DataSubject(SubjectType.Contact, contactId), ct);
        var address = points.Emails.FirstOrDefault(x => !string.IsNullOrWhiteSpace(x));
        if (address is null) return;

        // Contacts hold no language of their own yet: the survey is written in the company's (zh-CN); its page offers English.
        var culture = CultureInfo.GetCultureInfo(KeqingHost.Cultures[0]);
        var survey = new CaseSurvey
        {
            CaseId = c.Id, ContactId = contactId, Culture = culture.Name, SentAt = now, ExpiresAt = now.AddDays(Math.Max(1, settings.ValidDays)),
        };
        db.Add(survey);
        var subject = string.Format(culture, Text("How did we do on case {0}?", culture), c.Number);
        var body = string.Format(culture, Text("Your case {0} \"{1}\" has been resolved. Please tell us in one minute how satisfied you are; the link below works for {2} days and can be used once.", culture),
            c.Number, c.Subject, Math.Max(1, settings.ValidDays));
        mail.Queue(new OutboundEmail($"survey:{survey.Id:N}", EventType, address, subject, body) { Link = SurveyLink(tokens.For(survey.Id)), Culture = culture.Name });
    }

    public static string SurveyLink(string token) => "/survey/" + token;

    private static string Text(string key, CultureInfo culture) => TextResources.Find(key, culture);
}
