namespace Keqing.Infrastructure.Text;

/// <summary>
/// The <c>tel:</c> and <c>mailto:</c> links of phone numbers and email addresses on the pages, so a tap on a phone calls
/// and a tap on an address writes; a masked value (<c>***</c>) or one that is not a number or address gets no link.
/// </summary>
public static class ContactLinks
{
    /// <summary>"tel:+8613812345678" for "+86 138-1234-5678"; "tel:075512345678,123" keeps an extension after a pause; null when there is no number.</summary>
    public static string? Tel(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Contains('*', StringComparison.Ordinal)) return null;
        // The extension as the validator reads it, so 0755-12345678-8001 dials 0755 12345678 and then 8001.
        var (number, extension) = PhoneNumbers.SplitExtension(phone);
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 3) return null;
        return "tel:" + (number.StartsWith('+') ? "+" : "") + digits + (extension.Length > 0 ? "," + extension : "");
    }

    /// <summary>"mailto:a@b.cn" for an address that looks like one; null otherwise.</summary>
    public static string? Mail(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Contains('*', StringComparison.Ordinal) || !email.Contains('@', StringComparison.Ordinal)
            ? null : "mailto:" + Uri.EscapeDataString(email.Trim()).Replace("%40", "@", StringComparison.Ordinal);
}
