using System.Security.Cryptography;
using Ganss.Xss;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>
/// Stores one inbound message — from a poll or the webhook alike — once per mailbox and Message-ID, decides whether it
/// is held (<see cref="LoopGuard"/>, the per-sender rate cap, the size limit), and hands an accepted one to the first
/// <see cref="IInboundMailHandler"/> that takes it, all in one SaveChanges: the message, its attachments and what the
/// handler wrote commit together or not at all. Running it again for the same message changes nothing.
/// </summary>
public sealed class MailIntake(KeqingDb db, IEnumerable<IInboundMailHandler> handlers, IOptions<MailboxOptions> options,
    TimeProvider clock, ILogger<MailIntake> log)
{
    private const int MaxHtmlChars = 1_000_000;
    private const int MaxTextChars = 500_000;
    private static readonly HtmlSanitizer Sanitizer = new();

    /// <summary>The stored message and whether it had been stored before (nothing was done then).</summary>
    public sealed record Outcome(InboundMessage Message, bool Duplicate);

    /// <summary>
    /// Stores <paramref name="mime"/> (of <paramref name="rawSize"/> bytes raw) for <paramref name="mailbox"/>; with
    /// <paramref name="headersOnly"/> only its headers were fetched (it is over the size limit), so it is stored held, without bodies.
    /// </summary>
    public async Task<Outcome> Store(InboundMailbox mailbox, MimeMessage mime, long rawSize, string source, long? uid,
        bool headersOnly, CancellationToken ct)
    {
        var messageId = MessageIdOf(mime);
        if (await Existing(mailbox.Id, messageId, ct) is { } existing) return new Outcome(existing, true);

        var now = clock.GetUtcNow().UtcDateTime;
        var limits = options.Value;
        var from = LoopGuard.SenderOf(mime) ?? "";
        var message = new InboundMessage
        {
            MailboxId = mailbox.Id, MessageId = messageId, Source = source, Uid = uid, ReceivedAt = now, Size = rawSize,
            From = Clip(from, 256)!, FromName = Clip((mime.From.Mailboxes.FirstOrDefault() ?? mime.Sender)?.Name, 200),
            To = Clip(string.Join(", ", mime.To.Mailboxes.Concat(mime.Cc.Mailboxes).Select(m => m.Address)), 2000)!,
            Subject = Clip(mime.Subject ?? "", 1000)!,
            Date = mime.Date == DateTimeOffset.MinValue ? now : mime.Date.UtcDateTime,
            InReplyTo = Clip(mime.InReplyTo, 500),
            References = ReferencesOf(mime),
            Language = MailLanguage.Of(mime),
        };
        var attachments = new List<InboundAttachment>();
        message.HeldReason = headersOnly || rawSize > limits.MaxMessageBytes ? HeldReasons.TooLarge : LoopGuard.HeldReason(mime, mailbox.Address);
        if (!headersOnly)
        {
            message.TextBody = Clip(mime.TextBody, MaxTextChars);
            message.HtmlBody = mime.HtmlBody is { } html ? Clip(Sanitizer.Sanitize(html.Length > MaxHtmlChars ? html[..MaxHtmlChars] : html), MaxHtmlChars) : null;
            attachments = await AttachmentsOf(mime, message.Id, limits, ct);
        }
        if (message.HeldReason is null && await OverSenderCap(mailbox.Id, message.From, now, limits.PerSenderPerHour, ct))
            message.HeldReason = HeldReasons.SenderRate;

        db.Add(message);
        db.AddRange(attachments);
        try
        {
            // One transaction around the handlers and the save, so that a handler may take advisory locks (a case's
            // number) that hold until the message and what it wrote commit. No retrying strategy is configured, so the
            // handlers run once.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await HandOn(message, attachments, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Another node (or a concurrent webhook post) stored the same message first: that one counts.
            db.ChangeTracker.Clear();
            log.LogInformation("Message {MessageId} of mailbox {Mailbox} was stored concurrently", messageId, mailbox.Id);
            return new Outcome(await Existing(mailbox.Id, messageId, ct) ?? throw new InvalidOperationException("The duplicate vanished.", e), true);
        }
        return new Outcome(message, false);
    }

    /// <summary>
    /// Offers a stored, unclaimed message (tracked) to the handlers again, in the caller's unit of work (not saved): after
    /// the triage gave its sender a contact.
    /// </summary>
    public async Task HandOnAgain(InboundMessage message, CancellationToken ct)
    {
        var attachments = await db.Set<InboundAttachment>().AsNoTracking().Where(a => a.MessageId == message.Id).OrderBy(a => a.Id).ToListAsync(ct);
        await HandOn(message, attachments, ct);
    }

    private async Task HandOn(InboundMessage message, List<InboundAttachment> attachments, CancellationToken ct)
    {
        if (message.HeldReason is not null)
        {
            message.Status = InboundStatus.Held;
            return;
        }
        message.Status = InboundStatus.Unclaimed;
        var mail = ToMail(message, attachments);
        foreach (var handler in handlers)
        {
            if (!await handler.Handle(mail, ct)) continue;
            message.Status = InboundStatus.HandedOn;
            message.HandledBy = Clip(handler.Name, 100);
            break;
        }
    }

    /// <summary>Its Message-ID without angle brackets; one made from the content (SHA-256) when it has none or an absurd one.</summary>
    public static string MessageIdOf(MimeMessage mime)
    {
        var id = mime.MessageId?.Trim();
        if (!string.IsNullOrEmpty(id) && id.Length <= 500) return id;
        using var stream = new MemoryStream();
        mime.WriteTo(stream);
        return $"sha256-{Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()))}@keqing.invalid";
    }

    private Task<InboundMessage?> Existing(Guid mailboxId, string messageId, CancellationToken ct) =>
        db.Set<InboundMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.MailboxId == mailboxId && m.MessageId == messageId, ct);

    private async Task<bool> OverSenderCap(Guid mailboxId, string from, DateTime now, int cap, CancellationToken ct)
    {
        var since = now.AddHours(-1);
        var handedOn = await db.Set<InboundMessage>().CountAsync(m => m.MailboxId == mailboxId && m.From == from
            && m.ReceivedAt > since && m.Status != InboundStatus.Held, ct);
        return handedOn >= Math.Max(1, cap);
    }

    private static async Task<List<InboundAttachment>> AttachmentsOf(MimeMessage mime, Guid messageId, MailboxOptions limits, CancellationToken ct)
    {
        var stored = new List<InboundAttachment>();
        foreach (var part in mime.Attachments.OfType<MimePart>().Take(Math.Max(0, limits.MaxAttachments)))
        {
            if (part.Content is null) continue;
            using var buffer = new MemoryStream();
            await part.Content.DecodeToAsync(buffer, ct);
            var fileName = Clip(Path.GetFileName(part.FileName ?? "") is { Length: > 0 } name ? name : "attachment", 255)!;
            stored.Add(new InboundAttachment
            {
                MessageId = messageId, FileName = fileName, ContentType = Clip(part.ContentType.MimeType, 200)!, Size = buffer.Length,
                // Too large to keep: listed with its size, without its bytes.
                Data = buffer.Length <= limits.MaxAttachmentBytes ? buffer.ToArray() : [],
            });
        }
        return stored;
    }

    private static string? ReferencesOf(MimeMessage mime)
    {
        // The newest references matter most for threading: keep as many of the last ones as fit.
        var kept = new List<string>();
        var length = 0;
        foreach (var id in mime.References.Reverse())
        {
            if (length + id.Length + 1 > 4000) break;
            kept.Insert(0, id);
            length += id.Length + 1;
        }
        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    public static InboundMail ToMail(InboundMessage m, IEnumerable<InboundAttachment> attachments) => new(
        m.Id, m.MailboxId, m.MessageId, m.InReplyTo,
        m.References?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        m.From, m.FromName, m.To.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        m.Subject, m.Date, m.TextBody, m.HtmlBody, attachments.Select(a => a.Id).ToList(), m.Language);

    private static string? Clip(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: "23505" } or Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
