using Keqing.Infrastructure.Text;
using MimeKit;

namespace Keqing.Modules.Mailbox.Domain;

/// <summary>
/// The language a message declares in its Content-Language header (RFC 3282): the first tag of the list, if it is a
/// well-formed language tag (zh-CN, en, yue-HK), else null. Only the header counts: the text is never guessed from.
/// </summary>
public static class MailLanguage
{
    public static string? Of(MimeMessage message)
    {
        // MimeKit keeps a top-level Content-* header on the body entity; a multipart's text part may carry it instead.
        var value = message.Headers[HeaderId.ContentLanguage]
                    ?? message.Body?.Headers[HeaderId.ContentLanguage]
                    ?? message.BodyParts.OfType<TextPart>().Select(p => p.Headers[HeaderId.ContentLanguage]).FirstOrDefault(v => v is not null);
        return Parse(value);
    }

    /// <summary>The first tag of a Content-Language value, or null when there is none or it is not a language tag.</summary>
    public static string? Parse(string? value)
    {
        var tag = value?.Split(',')[0].Trim();
        return LanguageTag.IsWellFormed(tag) ? tag : null;
    }
}
