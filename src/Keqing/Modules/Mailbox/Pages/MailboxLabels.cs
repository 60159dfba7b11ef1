using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Mailbox.Resources;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Mailbox.Pages;

/// <summary>The words the mailbox page shows for statuses, security modes and held reasons.</summary>
public static class MailboxLabels
{
    public static string Status(IStringLocalizer<MailboxResource> l, InboundStatus status) => status switch
    {
        InboundStatus.HandedOn => l["Handed on"],
        InboundStatus.Unclaimed => l["Not taken"],
        InboundStatus.Discarded => l["Discarded"],
        _ => l["Held"],
    };

    public static string Security(IStringLocalizer<MailboxResource> l, MailSecurity security) => security switch
    {
        MailSecurity.None => l["None (this machine only)"],
        MailSecurity.StartTls => l["STARTTLS"],
        _ => l["TLS"],
    };

    public static string Reason(IStringLocalizer<MailboxResource> l, string? reason) => reason switch
    {
        null => "",
        HeldReasons.AutoSubmitted => l["Automatic message (Auto-Submitted)"],
        HeldReasons.AutoReply => l["Auto-reply"],
        HeldReasons.Bulk => l["Bulk mail"],
        HeldReasons.MailingList => l["Mailing list"],
        HeldReasons.Bounce => l["Bounce (undeliverable)"],
        HeldReasons.OwnAddress => l["From this mailbox itself (loop)"],
        HeldReasons.SenderRate => l["Sender over the hourly limit"],
        HeldReasons.TooLarge => l["Too large"],
        HeldReasons.NoSender => l["No sender"],
        _ => reason,
    };
}
