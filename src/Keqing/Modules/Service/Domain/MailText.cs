using System.Net;
using System.Text.RegularExpressions;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// The text rules of cases by email, pure: a message's new text without the quoted thread below it, a case subject
/// from a mail subject, and the case token (<c>[CS-2026-000123]</c>) that threads an answer into its case.
/// </summary>
public static partial class MailText
{
    /// <summary>What the sender wrote: the plain-text body, else the HTML body as text; without the quoted earlier mail.</summary>
    public static string NewText(string? text, string? html)
    {
        var body = !string.IsNullOrWhiteSpace(text) ? text : HtmlAsText(html ?? "");
        var lines = body.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (QuoteStart().IsMatch(line)) break;
            if (line.TrimStart().StartsWith('>')) continue;
            kept.Add(line.TrimEnd());
        }
        var result = string.Join('\n', kept).Trim();
        // A message that is only a quote (or a client that quotes above): keep it whole rather than lose it.
        return result.Length > 0 ? result : body.Trim();
    }

    /// <summary>A case subject: the mail's without reply and forward prefixes or a case token; the first line of the text when it has none.</summary>
    public static string CaseSubject(string mailSubject, string text, int max)
    {
        var subject = Token().Replace(mailSubject ?? "", " ");
        while (Prefix().Match(subject) is { Success: true } m) subject = subject[m.Length..];
        subject = Spaces().Replace(subject, " ").Trim();
        if (subject.Length == 0) subject = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (subject.Length == 0) subject = "Email";
        return subject.Length <= max ? subject : subject[..max];
    }

    /// <summary>The case number in a subject's token, or null.</summary>
    public static string? TokenIn(string? subject) =>
        Token().Match(subject ?? "") is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : null;

    /// <summary>The subject of a reply to the customer: the token, then the case's subject.</summary>
    public static string ReplySubject(string number, string caseSubject) => $"[{number}] {caseSubject}";

    private static string HtmlAsText(string html)
    {
        var text = Breaks().Replace(html, "\n");
        text = Tags().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"\[(CS-\d{4}-\d{6,})\]", RegexOptions.IgnoreCase)]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s*(re|fw|fwd|aw|答复|回复|转发)\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    // Where mail clients start the quoted message: Outlook, Foxmail, QQ Mail, NetEase, Gmail and Apple Mail.
    [GeneratedRegex(@"^\s*(-{2,}\s*(Original Message|原始邮件|Forwarded message|转发邮件)\s*-{2,}|(From|发件人)\s*[:：].+|On .+ wrote:\s*$|在 .+ 写道[:：]\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();
}
