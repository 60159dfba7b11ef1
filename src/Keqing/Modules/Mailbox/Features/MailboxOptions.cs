namespace Keqing.Modules.Mailbox.Features;

/// <summary>The limits of inbound mail (<c>Keqing:Mailbox:*</c>).</summary>
public sealed class MailboxOptions
{
    public const string Section = "Keqing:Mailbox";

    /// <summary>A larger message is stored by its headers only and held (IMAP), or refused with 413 (webhook).</summary>
    public int MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    /// <summary>A larger attachment is listed by name and size but its bytes are not kept.</summary>
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>At most this many attachments of one message are stored.</summary>
    public int MaxAttachments { get; set; } = 30;
    /// <summary>How many messages of one sender an hour a mailbox hands on; the rest are held (an auto-reply storm).</summary>
    public int PerSenderPerHour { get; set; } = 20;
    /// <summary>Webhook posts per minute, per client address and mailbox.</summary>
    public int WebhookPostsPerMinute { get; set; } = 120;
    /// <summary>How many new messages one poll of a mailbox fetches at most; the rest wait for the next poll.</summary>
    public int PollBatch { get; set; } = 200;
    /// <summary>The IMAP client's timeout for one command, in seconds.</summary>
    public int ImapTimeoutSeconds { get; set; } = 60;
    /// <summary>How long a node holds a mailbox's poll lease without renewing it, in seconds.</summary>
    public int PollLeaseSeconds { get; set; } = 300;
}
