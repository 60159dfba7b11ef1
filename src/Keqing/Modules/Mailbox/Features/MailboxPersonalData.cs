using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>
/// The mailboxes' part in a data-subject request (DOMAIN P3): the inbound messages a person sent, found by the emails
/// stored for the subject (a customer with its contacts, or one contact), held or handed on alike. Export gives the
/// messages and their attachments' names; erasure puts placeholders in the sender, the recipients, the subject and
/// clears the bodies and deletes the attachments, keeping the Message-ID (so the message is never taken in again),
/// the mailbox, the times, the status and the size.
/// </summary>
public sealed class MailboxPersonalData(KeqingDb db, ICustomerDirectory customers) : IPersonalDataStep
{
    public const string Erased = "[erased]";

    public string Part => "mailbox";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        var emails = await EmailsOf(subject, ct);
        var tables = new Dictionary<string, IReadOnlyList<object>>();
        if (emails.Count == 0) return tables;
        var messages = await db.Set<InboundMessage>().AsNoTracking().Where(m => emails.Contains(m.From)).OrderBy(m => m.ReceivedAt).ToListAsync(ct);
        if (messages.Count == 0) return tables;
        var ids = messages.Select(m => m.Id).ToList();
        tables["messages"] = messages.Select(m => (object)new
        {
            m.Id, m.MessageId, m.From, m.FromName, m.To, m.Subject, m.Date, m.ReceivedAt, m.TextBody, m.HtmlBody, m.Status, m.HeldReason,
        }).ToList();
        tables["attachments"] = (await db.Set<InboundAttachment>().AsNoTracking().Where(a => ids.Contains(a.MessageId))
            .Select(a => new { a.MessageId, a.FileName, a.ContentType, a.Size }).ToListAsync(ct)).Cast<object>().ToList();
        return tables;
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        var emails = await EmailsOf(subject, ct);
        if (emails.Count == 0) return ErasedData.Count(0);
        // Tracked changes, not set-based updates: they commit with the rest of the erasure or not at all.
        var messages = await db.Set<InboundMessage>().Where(m => emails.Contains(m.From)).ToListAsync(ct);
        foreach (var m in messages)
        {
            (m.From, m.FromName, m.To, m.Subject) = (Erased, null, "", Erased);
            (m.TextBody, m.HtmlBody) = (null, null);
        }
        var ids = messages.Select(m => m.Id).ToList();
        db.RemoveRange(await db.Set<InboundAttachment>().Where(a => ids.Contains(a.MessageId)).ToListAsync(ct));
        return ErasedData.Count(messages.Count);
    }

    /// <summary>The subject's emails as the mailbox stores senders (trimmed, lower case).</summary>
    private async Task<List<string>> EmailsOf(DataSubject subject, CancellationToken ct) =>
        (await customers.ContactPointsOf(subject, ct)).Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct().ToList();
}
