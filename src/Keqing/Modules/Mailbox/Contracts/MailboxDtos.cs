
namespace Keqing.Modules.Mailbox.Contracts;

/// <summary>How the connection to the IMAP server is secured: none (loopback only), STARTTLS, or TLS from the start (port 993).</summary>
public enum MailSecurity { None, StartTls, Tls }

/// <summary>
/// What became of an inbound message: a handler took it, no handler wanted it, it was held (see its reason), or an agent
/// discarded it from the triage of unclaimed mail (spam).
/// </summary>
public enum InboundStatus { HandedOn, Unclaimed, Held, Discarded }

/// <summary>
/// A mailbox as the admin writes it. <paramref name="Password"/>: null keeps the saved one on update (required on create);
/// it is stored protected and never returned. <paramref name="Host"/> may be empty for a webhook-only mailbox.
/// </summary>
public sealed record MailboxInput(
    string Name,
    string Address,
    string? Host,
    int? Port,
    MailSecurity? Security,
    string? User,
    string? Password,
    string? Folder,
    int? PollSeconds,
    bool Enabled = true);

/// <summary>A mailbox as the API shows it: never the password or the webhook secret.</summary>
public sealed record MailboxDto(
    Guid Id,
    string Key,
    string Name,
    string Address,
    string? Host,
    int Port,
    MailSecurity Security,
    string? User,
    bool HasPassword,
    string Folder,
    int PollSeconds,
    bool Enabled,
    DateTime? LastPolledAt,
    string? LastError,
    DateTime CreatedAt,
    long Version);

/// <summary>A new mailbox, with its webhook secret shown this once.</summary>
public sealed record CreatedMailboxDto(MailboxDto Mailbox, string WebhookSecret);

/// <summary>A new webhook secret, shown this once.</summary>
public sealed record WebhookSecretDto(string WebhookSecret);

/// <summary>Whether Keqing could sign in to the mailbox and open its folder, and the server's answer if not.</summary>
public sealed record ConnectionTestDto(bool Ok, string? Error);

/// <summary>One poll's outcome: new messages stored, messages already stored (seen again), and the error if it stopped.</summary>
public sealed record PollResultDto(int Stored, int AlreadyStored, string? Error);

/// <summary>An inbound message in the admin's list (no bodies).</summary>
public sealed record InboundMessageDto(
    Guid Id,
    Guid MailboxId,
    string MessageId,
    string From,
    string Subject,
    DateTime Date,
    DateTime ReceivedAt,
    string Source,
    InboundStatus Status,
    string? HeldReason,
    string? HandledBy,
    int Attachments,
    long Size);

/// <summary>The answer of the webhook: the stored message's id and whether it was new.</summary>
public sealed record WebhookReceiptDto(Guid Id, bool Duplicate, InboundStatus Status);
