using System.Globalization;
using System.Security.Cryptography;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>
/// A mail service's post of one raw RFC 822 message to <c>POST /api/public/mail/{key}</c>, signed like GitHub's
/// webhooks: <c>X-Keqing-Signature: sha256=&lt;hex HMAC-SHA256 of the exact body, keyed with the mailbox's webhook
/// secret&gt;</c>, compared in constant time. The message is stored and deduplicated exactly as a polled one, so a
/// replayed post changes nothing.
/// </summary>
public sealed class ReceiveWebhookMail(KeqingDb db, MailboxSecrets secrets, MailIntake intake, IOptions<MailboxOptions> options)
{
    public const string SignatureHeader = "X-Keqing-Signature";

    /// <summary>The signature header's value for <paramref name="body"/> under <paramref name="secret"/> (for senders and tests).</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    public async Task<WebhookReceiptDto> Receive(string key, HttpRequest request, CancellationToken ct)
    {
        var mailbox = key.Length is > 0 and <= 64
            ? await db.Set<InboundMailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.Key == key && m.Enabled, ct)
            : null;
        if (mailbox is null) throw new NotFoundException("mailbox");
        var max = options.Value.MaxMessageBytes;
        if (request.ContentLength > max) throw TooLarge(max);
        var body = await ReadBounded(request.Body, max, ct);
        if (!SignatureMatches(request.Headers[SignatureHeader].ToString(), secrets.Unprotect(mailbox.ProtectedWebhookSecret), body))
            throw new UnauthorizedAccessException();
        if (body.Length == 0) throw new ValidationFailedException("body", FieldErrors.Text("Send the raw message (message/rfc822) as the body."));

        MimeMessage mime;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            mime = await MimeMessage.LoadAsync(stream, ct);
        }
        catch (FormatException)
        {
            throw new ValidationFailedException("body", FieldErrors.Text("The body is not an RFC 822 message."));
        }
        if (LoopGuard.SenderOf(mime) is null && mime.MessageId is null && mime.Headers.Count == 0)
            throw new ValidationFailedException("body", FieldErrors.Text("The body is not an RFC 822 message."));
        var outcome = await intake.Store(mailbox, mime, body.Length, MessageSources.Webhook, uid: null, headersOnly: false, ct);
        return new WebhookReceiptDto(outcome.Message.Id, outcome.Duplicate, outcome.Message.Status);
    }

    /// <summary>Whether <paramref name="header"/> is <c>sha256=</c> and the body's HMAC in hex, compared in constant time.</summary>
    public static bool SignatureMatches(string header, string secret, byte[] body)
    {
        const string prefix = "sha256=";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length != prefix.Length + 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(header.AsSpan(prefix.Length)); }
        catch (FormatException) { return false; }
        var expected = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static async Task<byte[]> ReadBounded(Stream body, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge(max);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static BadHttpRequestException TooLarge(int max) => new(
        FieldErrors.Text("The message is larger than {0} bytes.", max.ToString(CultureInfo.InvariantCulture)), StatusCodes.Status413PayloadTooLarge);
}
