using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Keqing.Modules.Notifications.Features;

/// <summary>
/// Sends one outbox message as an email over SMTP (MailKit), with a Message-ID derived from the message so a retry is
/// recognisable, and its files (<see cref="OutboxAttachment"/>) as attachment parts (file names RFC 2231-encoded in UTF-8).
/// </summary>
public sealed class EmailSender(KeqingDb db, IOptions<SmtpOptions> options)
{
    public async Task<DeliveryResult> Send(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            return DeliveryResult.Fail("smtp-not-configured", "No mail server is configured (Keqing:Smtp:Host).", retry: false);
        if (string.IsNullOrEmpty(message.Address))
            return DeliveryResult.Fail("no-address", "The recipient has no email address.", retry: false);

        var mail = new MimeMessage { Subject = message.Title, MessageId = message.MessageIdHeader ?? $"{message.Id:N}@keqing" };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        if (message.ReplyTo is { Length: > 0 } replyTo) mail.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        if (message.InReplyTo is { Length: > 0 } inReplyTo) mail.InReplyTo = inReplyTo;
        foreach (var id in message.References?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []) mail.References.Add(id);
        var text = message.Body;
        if (message.Link is not null) text = $"{text}\n\n{message.Link}";
        var files = await db.Set<OutboxAttachment>().AsNoTracking().Where(a => a.OutboxMessageId == message.Id).OrderBy(a => a.Order).ToListAsync(ct);
        var body = new BodyBuilder { TextBody = text };
        foreach (var file in files)
        {
            var part = (MimePart)body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        mail.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = !smtp.UseTls ? SecureSocketOptions.None
                : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(quit: true, ct);
            return DeliveryResult.Ok;
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return DeliveryResult.Fail($"smtp-{code}", e.Message, retry: code < 500);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                      or AuthenticationException or SslHandshakeException)
        {
            return DeliveryResult.Fail("smtp-connection", e.Message);
        }
    }
}
