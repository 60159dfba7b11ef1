using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Email into cases (issue 16, item 2), as the mailbox's <see cref="IInboundMailHandler"/>. A message answering a case
/// joins it: by In-Reply-To / References naming a message of the case (one Keqing sent, or one the customer sent), or by
/// the case token in the subject (<c>[CS-2026-000123]</c>) when the sender is the case's customer or wrote to the case
/// before — a stranger who knows a number cannot write into someone's case. It is the customer's reply: a waiting case
/// opens again (the SLA clock restarts on <see cref="CaseCustomerReplied"/>), a closed one gets a follow-up. Any other
/// message from an address a customer or contact holds opens a case on that customer (channel email, with the contact
/// it matched). Mail from an unknown address opens a case on <see cref="CaseMailOptions.UnknownSenderCustomerId"/> when
/// one is configured, else is left unclaimed in the mailbox. Auto-replies, bounces, lists and loops never get here: the
/// mailbox holds them (<c>LoopGuard</c>). Attachments are kept through the case attachment store (its type and size
/// checks; a file they refuse stays only in the mailbox). A new case takes the language the mail's Content-Language header
/// declares, so assignment by language serves it.
/// </summary>
public sealed class CaseMailIntake(KeqingDb db, CaseConversation conversation, CreateCase create, IntakeRouting intake, CaseAttachments files,
    ICustomerDirectory customers, IUserDirectory users, IMailboxDirectory mailboxes, IOptions<CaseMailOptions> options,
    TimeProvider time, ILogger<CaseMailIntake> log) : IInboundMailHandler
{
    public const string HandlerName = "service.cases";
    private const int MaxContactsSearched = 200;

    public string Name => HandlerName;

    public async Task<bool> Handle(InboundMail mail, CancellationToken ct)
    {
        var text = MailText.NewText(mail.TextBody, mail.HtmlBody);
        if (text.Length == 0) text = mail.Subject.Trim() is { Length: > 0 } subject ? subject : "…";
        if (text.Length > CaseConversation.MaxBody) text = text[..CaseConversation.MaxBody];
        var sender = await customers.FindByContactPoint([], [mail.From], ct);

        ServiceCase target;
        CaseMessage message;
        if (await ThreadOf(mail, sender, ct) is { } caseId)
        {
            var added = await conversation.AddCustomerMessage(caseId, text, ct);
            if (added.FollowUp) await create.Number(added.Case, ct);
            (target, message) = (added.Case, added.Message);
        }
        else
        {
            var customerId = sender?.Id ?? options.Value.UnknownSenderCustomerId;
            if (customerId is not { } id || (await customers.Find([id], ct)).GetValueOrDefault(id) is not { } customer)
            {
                log.LogInformation("Mail {MessageId} from an unknown sender was left in the mailbox", mail.MessageId);
                return false;
            }
            var contactId = sender is null ? null : await ContactOf(customer.Id, mail.From, ct);
            (target, message) = await Open(mail, customer, contactId, text, ct);
        }

        await Attach(target.Id, message, mail.AttachmentIds, ct);
        db.Add(new CaseEmail
        {
            CaseId = target.Id, CaseMessageId = message.Id, Direction = CaseEmailDirection.Inbound, MessageId = mail.MessageId,
            Address = mail.From, MailboxId = mail.MailboxId, At = message.At,
        });
        return true;
    }

    /// <summary>The case a message answers, or null for a new matter.</summary>
    private async Task<Guid?> ThreadOf(InboundMail mail, CustomerSummary? sender, CancellationToken ct)
    {
        var named = mail.References.Append(mail.InReplyTo).OfType<string>().Distinct().ToList();
        if (named.Count > 0 && await db.Set<CaseEmail>().AsNoTracking().Where(e => named.Contains(e.MessageId))
                .OrderByDescending(e => e.At).Select(e => (Guid?)e.CaseId).FirstOrDefaultAsync(ct) is { } threaded)
            return threaded;
        if (MailText.TokenIn(mail.Subject) is not { } number) return null;
        var c = await db.Set<ServiceCase>().AsNoTracking().Where(x => x.Number == number).Select(x => new { x.Id, x.CustomerId }).FirstOrDefaultAsync(ct);
        if (c is null) return null;
        if (sender?.Id == c.CustomerId) return c.Id;
        return await db.Set<CaseEmail>().AnyAsync(e => e.CaseId == c.Id && e.Address == mail.From, ct) ? c.Id : null;
    }

    private async Task<(ServiceCase, CaseMessage)> Open(InboundMail mail, CustomerSummary customer, Guid? contactId, string text, CancellationToken ct)
    {
        var ownerId = customer.OwnerId;
        if (options.Value.OwnerId is { } configured && await users.Find(configured, ct) is { IsActive: true }) ownerId = configured;
        var owner = await users.Find(ownerId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var c = new ServiceCase
        {
            Subject = MailText.CaseSubject(mail.Subject, text, 200), Description = text.Length <= 10_000 ? text : text[..10_000],
            Type = CaseType.Question, Priority = CasePriority.Normal, CustomerId = customer.Id, ContactId = contactId,
            OwnerId = ownerId, TeamId = owner?.TeamId ?? customer.TeamId, Channel = CaseChannel.Email, Status = CaseStatus.New,
            // The language the mail declares (Content-Language, a well-formed tag or null), for assignment by language.
            Language = mail.Language,
            CreatedAt = now, UpdatedAt = now,
        };
        await intake.Route(c, ct); // the intake team, when set, takes it (and Mail:OwnerId is ignored)
        db.Add(c);
        var message = new CaseMessage { CaseId = c.Id, Kind = CaseMessageKind.Customer, Body = text, At = now };
        db.Add(message);
        await create.Number(c, ct);
        return (c, message);
    }

    /// <summary>The customer's contact holding this address, if one does (the sender may be the customer's own address).</summary>
    private async Task<Guid?> ContactOf(Guid customerId, string address, CancellationToken ct)
    {
        foreach (var contact in (await customers.ContactsOf(customerId, ct)).Take(MaxContactsSearched))
        {
            var points = await customers.ContactPointsOf(new DataSubject(SubjectType.Contact, contact.Id), ct);
            if (points.Emails.Any(e => string.Equals(e.Trim(), address, StringComparison.OrdinalIgnoreCase))) return contact.Id;
        }
        return null;
    }

    private async Task Attach(Guid caseId, CaseMessage message, IReadOnlyList<Guid> attachmentIds, CancellationToken ct)
    {
        foreach (var file in await mailboxes.Files(attachmentIds, ct))
        {
            if (file.Data.Length == 0) continue;
            try
            {
                files.Store(caseId, file.FileName, file.Data, null, message.At).MessageId = message.Id;
            }
            catch (ValidationFailedException)
            {
                log.LogInformation("Attachment {File} of mail to case {Case} was not kept: its type or size is refused", file.FileName, caseId);
            }
        }
    }
}
