using MimeKit;

namespace Keqing.Modules.Mailbox.Domain;

/// <summary>Why a message was held rather than handed on.</summary>
public static class HeldReasons
{
    public const string AutoSubmitted = "auto-submitted";
    public const string AutoReply = "auto-reply";
    public const string Bulk = "bulk";
    public const string MailingList = "mailing-list";
    public const string Bounce = "bounce";
    public const string OwnAddress = "own-address";
    public const string SenderRate = "sender-rate";
    public const string TooLarge = "too-large";
    public const string NoSender = "no-sender";

    public static readonly IReadOnlyList<string> All =
        [AutoSubmitted, AutoReply, Bulk, MailingList, Bounce, OwnAddress, SenderRate, TooLarge, NoSender];
}

/// <summary>
/// The loop and auto-reply rules (RFC 3834, RFC 3464, common practice): a message a machine sent in answer to mail —
/// an auto-reply, a bounce, a list's post, a bulk mailing, one from the mailbox itself — must never open a case or
/// trigger another answer. Pure: headers in, a <see cref="HeldReasons"/> value or null out.
/// </summary>
public static class LoopGuard
{
    private static readonly string[] DaemonSenders = ["mailer-daemon", "postmaster"];

    public static string? HeldReason(MimeMessage message, string ownAddress)
    {
        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return HeldReasons.AutoSubmitted;
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond"))
            return HeldReasons.AutoReply;
        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list" or "auto_reply") return precedence == "list" ? HeldReasons.MailingList : HeldReasons.Bulk;
        if (headers.Contains(HeaderId.ListId) || headers.Contains(HeaderId.ListUnsubscribe)) return HeldReasons.MailingList;
        if (message.Body is MultipartReport || message.Body?.ContentType.IsMimeType("multipart", "report") == true) return HeldReasons.Bounce;
        var returnPath = headers[HeaderId.ReturnPath]?.Trim();
        if (returnPath is "<>" or "") return HeldReasons.Bounce;
        var from = SenderOf(message);
        if (from is null) return HeldReasons.NoSender;
        var local = from.Split('@')[0];
        if (DaemonSenders.Any(d => local.Equals(d, StringComparison.OrdinalIgnoreCase))) return HeldReasons.Bounce;
        if (from.Equals(ownAddress, StringComparison.OrdinalIgnoreCase)) return HeldReasons.OwnAddress;
        return null;
    }

    /// <summary>The sender's address in lower case: From, else Sender; null when neither holds an address.</summary>
    public static string? SenderOf(MimeMessage message) =>
        (message.From.Mailboxes.FirstOrDefault() ?? message.Sender)?.Address is { Length: > 0 } address ? address.Trim().ToLowerInvariant() : null;
}
