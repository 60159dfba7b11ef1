using System.Globalization;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Replies out by email (issue 16, item 9): an agent's public reply goes to the customer through the Notifications
/// outbox, in the reply's own unit of work (it leaves only once the reply commits), to the case's contact's email — or,
/// without one, to the address the customer last wrote from — with the case token in the subject, Reply-To the mailbox
/// the customer wrote to (or the first one), In-Reply-To and References naming the case's earlier emails, and a
/// Message-ID stored with the case so that the customer's answer threads into it (<see cref="CaseMailIntake"/>). The
/// reply's files go with it: attached while they fit <see cref="ServiceOptions.MailAttachmentMegabytes"/>
/// (<see cref="MailFiles"/>), the others as download links listed below the text (<see cref="CaseFileLinks"/>).
/// </summary>
public sealed class CaseReplyMail(KeqingDb db, ICustomerDirectory customers, IMailboxDirectory mailboxes, IEmailOutbox outbox,
    CaseFileLinks links, IOptions<ServiceOptions> options, TimeProvider time)
    : IBeforeCommitHandler<CaseReplied>
{
    public const string EventType = "service.case-reply";

    public async Task Handle(CaseReplied replied, CancellationToken ct)
    {
        var c = await db.Set<ServiceCase>().FindAsync([replied.CaseId], ct);
        var message = await db.Set<CaseMessage>().FindAsync([replied.MessageId], ct);
        if (c is null || message is null) return;
        var thread = await db.Set<CaseEmail>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var lastIn = thread.LastOrDefault(e => e.Direction == CaseEmailDirection.Inbound);
        if (await AddressOf(c, lastIn, ct) is not { } to) return;
        var replyTo = await mailboxes.ReplyAddress(lastIn?.MailboxId, ct);
        var domain = replyTo?.Split('@') is [_, { Length: > 0 } d] ? d : "keqing.local";
        var messageId = $"{message.Id:N}.{c.Number.ToLowerInvariant()}@{domain}";
        // Contact boundaries (DOMAIN P4, IContactBoundaryCheck) are deliberately not asked: this answers what the
        // customer asked for in their case; boundaries limit contact Keqing starts (calls, visits, campaigns), and a
        // reply held back by "no contact after 21:00" would leave the customer waiting on their own request.
        // The files this reply took (tracked: the reply's unit of work is being saved), in upload order.
        var files = db.ChangeTracker.Entries<CaseAttachment>().Select(e => e.Entity).Where(a => a.MessageId == message.Id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToList();
        var attach = MailFiles.Attach(files.Select(f => f.Size).ToList(), (long)Math.Max(0, options.Value.MailAttachmentMegabytes) << 20);
        var attached = files.Where((_, i) => attach[i]).Select(f => new EmailAttachment(f.FileName, f.ContentType, f.Content)).ToList();
        var body = WithLinks(message.Body, files.Where((_, i) => !attach[i]).ToList());
        outbox.Queue(new OutboundEmail($"{EventType}:{message.Id:N}", EventType, to, MailText.ReplySubject(c.Number, c.Subject), body,
            messageId, (lastIn ?? (thread.Count > 0 ? thread[^1] : null))?.MessageId, thread.Select(e => e.MessageId).ToList(), replyTo)
        {
            Attachments = attached, Culture = Culture.Name,
        });
        db.Add(new CaseEmail
        {
            CaseId = c.Id, CaseMessageId = message.Id, Direction = CaseEmailDirection.Outbound, MessageId = messageId, Address = to,
            At = time.GetUtcNow().UtcDateTime,
        });
    }

    // Contacts hold no language of their own yet: what Keqing adds to the agent's text is in the company's (zh-CN).
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo(KeqingHost.Cultures[0]);

    private string WithLinks(string body, IReadOnlyList<CaseAttachment> linked)
    {
        if (linked.Count == 0) return body;
        var days = Math.Max(1, options.Value.FileLinkDays).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(body).Append("\n\n").Append(Text("Files too large to attach (download within {0} days):").Replace("{0}", days, StringComparison.Ordinal));
        foreach (var file in linked)
            text.Append('\n').Append(file.FileName).Append(" (").Append(MailFiles.Size(file.Size)).Append("): ")
                .Append(outbox.PublicLink(CaseFileLinks.Path(links.For(file.Id))));
        return text.ToString();
    }

    private static string Text(string key) => TextResources.Find(key, Culture);

    /// <summary>The contact's first valid email; else the address the customer last wrote from; else null (no email goes out).</summary>
    private async Task<string?> AddressOf(ServiceCase c, CaseEmail? lastIn, CancellationToken ct)
    {
        if (c.ContactId is { } contactId)
        {
            var points = await customers.ContactPointsOf(new DataSubject(SubjectType.Contact, contactId), ct);
            if (points.Emails.Select(e => e.Trim()).FirstOrDefault(IsAddress) is { } email) return email;
        }
        return lastIn is { Address: var from } && IsAddress(from) ? from : null;
    }

    private static bool IsAddress(string value) => MimeKit.MailboxAddress.TryParse(value, out var parsed) && parsed.Address.Contains('@');
}
