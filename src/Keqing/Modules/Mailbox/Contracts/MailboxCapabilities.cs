namespace Keqing.Modules.Mailbox.Contracts;

/// <summary>What the Mailbox module lets a role do.</summary>
public static class MailboxCapabilities
{
    /// <summary>Set up inbound mailboxes (IMAP and webhook), test them, and read what came in and what was held.</summary>
    public const string Manage = "mailbox.manage";

    /// <summary>Sort the mail no handler took (unknown senders): give the sender a contact, or discard the message.</summary>
    public const string Triage = "mailbox.triage";
}
