using System.Text.Json;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>
/// The triage of mail no handler took (待分拣邮件): without <c>Keqing:Service:Mail:UnknownSenderCustomerId</c>, a message
/// from an address no customer or contact holds stays unclaimed. An agent gives its sender a contact — the address added
/// to an existing contact, or a new contact of a customer — and the message is offered to the handlers again in the same
/// transaction (Service opens its case, with its files); later mail from that address finds the contact by itself. Or
/// the agent discards it as spam: it stays stored (so a poll never takes it in again) and leaves nothing behind. Both
/// are audited on the message.
/// </summary>
public sealed partial class MailTriage(KeqingDb db, MailIntake intake, ICustomerCreator creator, ICustomerDirectory customers,
    CurrentUser user, TimeProvider clock)
{
    public const int MaxListed = 200;
    public const string AuditType = "mailbox.message";

    /// <summary>The unclaimed messages, newest first (at most <see cref="MaxListed"/>).</summary>
    public async Task<IReadOnlyList<TriageMessageDto>> List(CancellationToken ct)
    {
        var rows = await db.Set<InboundMessage>().AsNoTracking().Where(m => m.Status == InboundStatus.Unclaimed)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(MaxListed)
            .Select(m => new
            {
                m.Id, m.MailboxId, m.From, m.FromName, m.Subject, m.ReceivedAt,
                Text = m.TextBody == null ? null : m.TextBody.Substring(0, 400),
                Html = m.HtmlBody == null ? null : m.HtmlBody.Substring(0, 4000),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var mailboxIds = rows.Select(r => r.MailboxId).Distinct().ToList();
        var names = await db.Set<InboundMailbox>().AsNoTracking().Where(b => mailboxIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var files = await db.Set<InboundAttachment>().AsNoTracking().Where(a => ids.Contains(a.MessageId))
            .GroupBy(a => a.MessageId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(r => new TriageMessageDto(r.Id, r.MailboxId, names.GetValueOrDefault(r.MailboxId, ""), r.From, r.FromName, r.Subject,
            Snippet(r.Text, r.Html), files.GetValueOrDefault(r.Id), r.ReceivedAt)).ToList();
    }

    /// <summary>Customers the caller may read whose name contains the text, with their contacts, for the page's search (at most 10).</summary>
    public async Task<IReadOnlyList<(CustomerSummary Customer, IReadOnlyList<ContactSummary> Contacts)>> FindCustomers(string? text, CancellationToken ct)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term)) return [];
        var found = await creator.FindReadable(term, ct);
        var result = new List<(CustomerSummary, IReadOnlyList<ContactSummary>)>();
        foreach (var c in found) result.Add((c, await customers.ContactsOf(c.Id, ct)));
        return result;
    }

    /// <summary>Gives the sender a contact (<see cref="TriageRequest"/>) and offers the message to the handlers again.</summary>
    public async Task<TriageResultDto> Assign(Guid id, TriageRequest r, CancellationToken ct)
    {
        var message = await Unclaimed(id, ct);
        var errors = new FieldErrors();
        if (r.ContactId is null && r.CustomerId is null) errors.Add("contactId", FieldErrors.Text("Choose a contact, or a customer to add the sender to."));
        else if (r.ContactId is not null && r.CustomerId is not null) errors.Add("customerId", FieldErrors.Text("Choose a contact or a customer, not both."));
        errors.MaxLength("name", r.Name?.Trim(), 100);
        errors.ThrowIfAny();

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (r.ContactId is { } contactId) await creator.AddContactEmail(contactId, message.From, ct);
                else await creator.AddMailContact(r.CustomerId!.Value, NameOf(r.Name, message), message.From, ct);
            }
            catch (NotFoundException)
            {
                var field = r.ContactId is null ? "customerId" : "contactId";
                throw new ValidationFailedException(field, r.ContactId is null
                    ? FieldErrors.Text("No customer you may see has this id.") : FieldErrors.Text("No contact you may see has this id."));
            }
            // Saved first: the handlers find the sender by the stored contact.
            await db.SaveChangesAsync(ct);
            await intake.HandOnAgain(message, ct);
            Audit(message, r.ContactId is { } c ? $"contact {c}" : $"new contact of customer {r.CustomerId}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        return new TriageResultDto(message.Id, message.Status, message.HandledBy);
    }

    /// <summary>Discards the message as spam: it stays stored, marked discarded, and is offered to no one.</summary>
    public async Task<TriageResultDto> Discard(Guid id, CancellationToken ct)
    {
        var message = await Unclaimed(id, ct);
        message.Status = InboundStatus.Discarded;
        Audit(message, null);
        await db.SaveChangesAsync(ct);
        return new TriageResultDto(message.Id, message.Status, null);
    }

    private async Task<InboundMessage> Unclaimed(Guid id, CancellationToken ct)
    {
        var message = await db.Set<InboundMessage>().FirstOrDefaultAsync(m => m.Id == id && m.Status != InboundStatus.Held, ct)
            ?? throw new NotFoundException("message");
        if (message.Status != InboundStatus.Unclaimed) throw new ConflictException(FieldErrors.Text("This message has been sorted already."));
        return message;
    }

    private void Audit(InboundMessage message, string? sender) => db.Add(new AuditEntry
    {
        EntityType = AuditType, EntityId = message.Id, Action = AuditAction.Updated, UserId = user.UserId, At = clock.GetUtcNow().UtcDateTime,
        Changes = JsonSerializer.Serialize(new List<AuditFieldChange>
        {
            new("status", nameof(InboundStatus.Unclaimed), message.Status.ToString()),
            new("sender", null, sender),
        }.Where(c => c.New is not null).ToList(), JsonSerializerOptions.Web),
    });

    /// <summary>The name a new contact gets: the one typed, else the sender's display name, else the address's local part.</summary>
    private static string NameOf(string? typed, InboundMessage message) =>
        !string.IsNullOrWhiteSpace(typed) ? typed.Trim()
        : !string.IsNullOrWhiteSpace(message.FromName) ? message.FromName.Trim()
        : message.From.Split('@')[0];

    private static string Snippet(string? text, string? html)
    {
        var s = text ?? Tags().Replace(html ?? "", " ");
        s = Spaces().Replace(System.Net.WebUtility.HtmlDecode(s), " ").Trim();
        return s.Length <= 160 ? s : s[..160] + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
