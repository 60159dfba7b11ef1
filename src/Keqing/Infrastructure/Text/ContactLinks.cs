namespace Keqing.Infrastructure.Text;

/// <summary>
/// The <c>tel:</c> and <c>mailto:</c> links of phone numbers and email addresses on the pages, so a tap on a phone calls
/// and a tap on an address writes; a masked value (<c>***</c>) or one that is not a number or address gets no link.
/// </summary>
public static class ContactLinks
{
    /// <summary>"tel:+8613812345678" for "+86 138-1234-5678"; "tel:0755-12345678,123" keeps an extension after a pause; null when there is no number.</summary>
    public static string? Tel(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Contains('*', StringComparison.Ordinal)) return null;
        var (number, extension) = SplitExtension(phone);
        var digits = Digits(number);
        if (digits.Length < 3) return null;
        var ext = Digits(extension);
        return "tel:" + (number.TrimStart().StartsWith('+') ? "+" : "") + digits + (ext.Length > 0 ? "," + ext : "");
    }

    private static string Digits(string s) =>
        new(s.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).Where(char.IsAsciiDigit).ToArray());

    /// <summary>"mailto:a@b.cn" for an address that looks like one; null otherwise.</summary>
    public static string? Mail(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Contains('*', StringComparison.Ordinal) || !email.Contains('@', StringComparison.Ordinal)
            ? null : "mailto:" + Uri.EscapeDataString(email.Trim()).Replace("%40", "@", StringComparison.Ordinal);

    private static (string Number, string Extension) SplitExtension(string phone)
    {
        foreach (var marker in new[] { "转", "ext.", "ext", "x", "#" })
        {
            var at = phone.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0) return (phone[..at], phone[(at + marker.Length)..]);
        }
        return (phone, "");
    }
}
