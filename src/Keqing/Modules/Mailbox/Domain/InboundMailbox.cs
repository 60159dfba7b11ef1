using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Mailbox.Domain;

/// <summary>
/// A mailbox Keqing receives mail in: polled over IMAP (when it has a host) and/or fed by a mail service's webhook at
/// <c>/api/public/mail/{Key}</c>. The password and the webhook secret are stored protected (ASP.NET Data Protection).
/// </summary>
[RecordType("mailbox.mailbox")]
public sealed class InboundMailbox : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The random, URL-safe key of its webhook address; it never changes.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    /// <summary>The mailbox's own address: mail from it is a loop and is held.</summary>
    public required string Address { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; }
    public MailSecurity Security { get; set; }
    public string? User { get; set; }
    public string? ProtectedPassword { get; set; }
    public string Folder { get; set; } = "INBOX";
    public int PollSeconds { get; set; } = 60;
    public bool Enabled { get; set; } = true;
    public required string ProtectedWebhookSecret { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Where the IMAP poll of a mailbox stands: the folder's UIDVALIDITY and the highest UID stored. Kept apart from the
/// mailbox so that a poll never changes the admin's record (its version, its audit trail).
/// </summary>
public sealed class MailboxPollState
{
    public Guid MailboxId { get; set; }
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTime? LastPolledAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>How a message reached Keqing.</summary>
public static class MessageSources
{
    public const string Imap = "imap";
    public const string Webhook = "webhook";
}

/// <summary>
/// One inbound message, stored once per mailbox and Message-ID however often it is fetched or posted; held ones keep
/// the reason. Bodies are kept as text and sanitised HTML; attachments are rows of <see cref="InboundAttachment"/>.
/// </summary>
public sealed class InboundMessage
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid MailboxId { get; set; }
    public required string MessageId { get; set; }
    public string? InReplyTo { get; set; }
    /// <summary>The References Message-IDs, space-separated, oldest first.</summary>
    public string? References { get; set; }
    [Personal(Sensitivity.Contact)] public required string From { get; set; }
    [Personal(Sensitivity.Contact)] public string? FromName { get; set; }
    /// <summary>The To and Cc addresses, comma-separated.</summary>
    [Personal(Sensitivity.Contact)] public string To { get; set; } = "";
    [Personal(Sensitivity.Private)] public string Subject { get; set; } = "";
    public DateTime Date { get; set; }
    [Personal(Sensitivity.Private)] public string? TextBody { get; set; }
    [Personal(Sensitivity.Private)] public string? HtmlBody { get; set; }
    /// <summary>The language tag of its Content-Language header (<see cref="MailLanguage"/>), or null.</summary>
    public string? Language { get; set; }
    /// <summary>The raw message's size in bytes.</summary>
    public long Size { get; set; }
    public required string Source { get; set; }
    /// <summary>The IMAP UID it was fetched under (null for the webhook).</summary>
    public long? Uid { get; set; }
    public DateTime ReceivedAt { get; set; }
    public InboundStatus Status { get; set; }
    /// <summary>Why it was held (<see cref="HeldReasons"/>), or null.</summary>
    public string? HeldReason { get; set; }
    /// <summary>The <see cref="IInboundMailHandler.Name"/> of the handler that took it.</summary>
    public string? HandledBy { get; set; }
}

/// <summary>A stored attachment of an inbound message (its bytes in the database, as the app stores uploads).</summary>
public sealed class InboundAttachment
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public byte[] Data { get; set; } = [];
}
