using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;

namespace Keqing.Modules.Mailbox.Api;

/// <summary>The triage of unclaimed mail (<see cref="MailboxCapabilities.Triage"/>): <c>/api/mail-triage</c>.</summary>
public static class MailTriageApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var triage = api.MapGroup("/mail-triage").WithTags("Mailboxes").RequireAuthorization(MailboxCapabilities.Triage);
        triage.MapGet("", (MailTriage handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Messages no handler took (senders no customer or contact holds), newest first, at most 200: sender, mailbox, subject, the start of the text.");
        triage.MapPost("/{id:guid}/sender", (Guid id, TriageRequest request, MailTriage handler, CancellationToken ct) => handler.Assign(id, request, ct))
            .WithSummary("Gives the sender a contact — contactId: the address is added to that contact; customerId (+ name): a new contact — and offers the " +
                         "message to the handlers again (Service opens its case). 409 when it was sorted already; 403 on a customer one may only read.");
        triage.MapPost("/{id:guid}/discard", (Guid id, MailTriage handler, CancellationToken ct) => handler.Discard(id, ct))
            .WithSummary("Discards the message as spam (audited): it stays stored so it is never taken in again, and opens nothing.");
    }
}
