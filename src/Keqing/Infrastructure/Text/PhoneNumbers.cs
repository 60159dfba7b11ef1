using System.Text.RegularExpressions;

namespace Keqing.Infrastructure.Text;

/// <summary>
/// The one check of what may be saved as a phone number — by the API, the customer and contact forms and the import:
/// a mainland mobile (<c>138 0013 8000</c>, 1[3-9] and 11 digits), a landline with its area code and an optional
/// extension (<c>021-5888 8888 转 123</c>, <c>0755-12345678-8001</c>), a 400/800 service number, or an international
/// number in E.164 form (<c>+852 2123 4567</c>, <c>+86 …</c> read as a mainland number). Separators (spaces, hyphens,
/// dots, brackets) and full-width digits are allowed; what is stored and searched is <see cref="ContactPoints.NormalizePhone"/>.
/// </summary>
public static partial class PhoneNumbers
{
    /// <summary>The message for a value that is not a phone number, with <c>{0}</c> for the value.</summary>
    public const string Message = "'{0}' is not a phone number: a mobile (138 0013 8000), a landline with area code (021-5888 8888, extension 转 123) or +country code.";

    /// <summary>Whether <paramref name="phone"/> is a phone number Keqing accepts.</summary>
    public static bool IsValid(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40) return false;
        var (text, extension) = SplitExtension(phone);
        var hasExtension = extension.Length > 0;
        if (!Allowed().IsMatch(text)) return false;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.StartsWith('+'))
        {
            if (digits.StartsWith("86", StringComparison.Ordinal)) return Domestic(digits[2..], international: true, hasExtension);
            // E.164: a country code (never 0) and at most 15 digits in all.
            return digits.Length is >= 8 and <= 15 && digits[0] != '0';
        }
        if (digits.StartsWith("0086", StringComparison.Ordinal)) return Domestic(digits[4..], international: true, hasExtension);
        return Domestic(digits, international: false, hasExtension);
    }

    /// <summary>
    /// The number (trimmed, full-width folded) and the digits of its extension ("" when none): 转 / 分机 / ext / x / #
    /// and digits at the end, or a third hyphenated group after a landline (<c>0755-12345678-8001</c>).
    /// </summary>
    public static (string Number, string Extension) SplitExtension(string phone)
    {
        var text = Fold(phone.Trim());
        var extension = Extension().Match(text);
        return extension.Success ? (text[..extension.Index], new string(extension.Value.Where(char.IsAsciiDigit).ToArray())) : (text, "");
    }

    /// <summary>A mainland number, written at home (0 before the area code) or after +86 (without it).</summary>
    private static bool Domestic(string digits, bool international, bool hasExtension)
    {
        if (Mobile().IsMatch(digits)) return !hasExtension;
        if (Service().IsMatch(digits)) return true;
        var landline = international && !digits.StartsWith('0') ? "0" + digits : digits;
        return Landline().IsMatch(landline);
    }

    private static string Fold(string s) => string.Create(s.Length, s, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
        }
    });

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    /// <summary>0, an area code of 2 or 3 digits (010, 021, 0755, 0871 …), and a local number of 7 or 8 digits not starting with 0.</summary>
    [GeneratedRegex(@"^0(?:[12]0|2[1-9]|[3-9]\d{2})[1-9]\d{6,7}$")]
    private static partial Regex Landline();

    /// <summary>400 and 800 numbers (400-820-8820): ten digits.</summary>
    [GeneratedRegex(@"^[48]00\d{7}$")]
    private static partial Regex Service();

    /// <summary>Digits, spaces, hyphens, dots and brackets, with at most one leading +.</summary>
    [GeneratedRegex(@"^\+?[\d\s\-.()]+$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}\s*$|(?<=^0[1-9]\d{1,2}[\s\-.]*\d{3,4}[\s\-.]*\d{4})-\d{1,6}$", RegexOptions.IgnoreCase)]
    private static partial Regex Extension();
}
