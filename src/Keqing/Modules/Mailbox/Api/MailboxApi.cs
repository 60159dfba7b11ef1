using Keqing.Infrastructure.Http;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;

namespace Keqing.Modules.Mailbox.Api;

/// <summary>
/// The admin's <c>/api/mailboxes</c> (<see cref="MailboxCapabilities.Manage"/>, If-Match on PUT) and the anonymous,
/// signed, rate-limited <c>POST /api/public/mail/{mailboxKey}</c> a mail service posts raw messages to.
/// </summary>
public static class MailboxApi
{
    /// <summary>The rate-limit policy of the webhook: posts per client address and mailbox key.</summary>
    public const string WebhookPolicy = "mailbox.webhook";

    public static void Map(RouteGroupBuilder api)
    {
        var mailboxes = api.MapGroup("/mailboxes").WithTags("Mailboxes").RequireAuthorization(MailboxCapabilities.Manage);
        mailboxes.MapGet("", (ManageMailboxes handler, int? limit, string? after, CancellationToken ct) => handler.List(limit, after, ct))
            .WithSummary("The inbound mailboxes, oldest first (keyset: limit, after); never a password or a webhook secret.");
        mailboxes.MapGet("/{id:guid}", async (Guid id, ManageMailboxes handler, HttpResponse response, CancellationToken ct) =>
        {
            var mailbox = await handler.Get(id, ct);
            Preconditions.SetETag(response, mailbox.Version);
            return TypedResults.Ok(mailbox);
        });
        mailboxes.MapPost("", async (MailboxInput input, ManageMailboxes handler, HttpResponse response, CancellationToken ct) =>
        {
            var created = await handler.Create(input, ct);
            Preconditions.SetETag(response, created.Mailbox.Version);
            return TypedResults.Created($"/api/mailboxes/{created.Mailbox.Id}", created);
        }).WithIdempotency().WithSummary(
            "Adds a mailbox: IMAP host, port, security (none only on loopback, startTls, tls), user, password (stored protected, never returned), " +
            "folder, poll interval; no host for a webhook-only mailbox. The answer holds the webhook secret, shown this once.");
        mailboxes.MapPut("/{id:guid}", async (Guid id, MailboxInput input, ManageMailboxes handler, HttpContext http, CancellationToken ct) =>
        {
            var mailbox = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, mailbox.Version);
            return TypedResults.Ok(mailbox);
        }).WithSummary("Changes a mailbox (If-Match: its ETag); a null password keeps the saved one, an empty one removes it.");
        mailboxes.MapDelete("/{id:guid}", async (Guid id, ManageMailboxes handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Deletes a mailbox no mail has come into (409 otherwise: disable it).");
        mailboxes.MapPost("/{id:guid}/test", async (Guid id, ManageMailboxes handler, CancellationToken ct) => TypedResults.Ok(await handler.Test(id, ct)))
            .WithSummary("Signs in to the IMAP server and opens the folder; answers ok or the server's error.");
        mailboxes.MapPost("/{id:guid}/poll", async (Guid id, ManageMailboxes handler, CancellationToken ct) => TypedResults.Ok(await handler.PollNow(id, ct)))
            .WithSummary("Polls the mailbox now (409 while another node polls it): new messages stored, messages seen again, the error if any.");
        mailboxes.MapPost("/{id:guid}/webhook-secret", async (Guid id, ManageMailboxes handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.NewWebhookSecret(id, ct)))
            .WithSummary("Replaces the webhook secret; the new one is shown this once and the old one stops working.");
        mailboxes.MapGet("/{id:guid}/messages", (Guid id, string? status, int? limit, string? after, ManageMailboxes handler, CancellationToken ct) =>
                handler.Messages(id, status, limit, after, ct))
            .WithSummary("What came into the mailbox, newest first (status=handedOn|unclaimed|held), with the reason a message was held.");

        api.MapPost("/public/mail/{mailboxKey}", async (string mailboxKey, HttpRequest request, ReceiveWebhookMail handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Receive(mailboxKey, request, ct)))
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(WebhookPolicy).WithTags("Mailboxes").WithSummary(
                "A mail service posts one raw RFC 822 message (Content-Type: message/rfc822) without sign-in, signed with " +
                "X-Keqing-Signature: sha256=<hex HMAC-SHA256 of the body keyed with the mailbox's webhook secret>. 200 {id, duplicate, status}; " +
                "401 for a missing or wrong signature; 404 for an unknown or disabled mailbox; 413 over Keqing:Mailbox:MaxMessageBytes; 429 when posted too often.");
    }
}
