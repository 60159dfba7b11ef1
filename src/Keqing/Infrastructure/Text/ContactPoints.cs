namespace Keqing.Infrastructure.Text;

/// <summary>Normalises phones and emails so any way of writing one finds the same customer (and the same suppression, DOMAIN P3).</summary>
public static class ContactPoints
{
    /// <summary>
    /// Digits only, without the Chinese country code on mobile numbers: <c>+86-138 0013 8000</c> and
    /// <c>13800138000</c> are the same; <c>021-5555 0001</c> becomes <c>02155550001</c>. Null when it has no digits.
    /// </summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        Span<char> digits = stackalloc char[Math.Min(phone.Length, 64)];
        var n = 0;
        foreach (var c in phone)
        {
            var d = c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c;
            if (d is >= '0' and <= '9' && n < digits.Length) digits[n++] = d;
        }
        if (n == 0) return null;
        var s = new string(digits[..n]);
        // Strip country codes until none is left, so normalising a normalised number changes nothing (0086 86 138…).
        while (true)
        {
            if (s.StartsWith("0086", StringComparison.Ordinal)) s = s[4..];
            else if (s.Length == 13 && s.StartsWith("86", StringComparison.Ordinal) && s[2] == '1') s = s[2..];
            else return s.Length == 0 ? null : s;
        }
    }

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Whether a search term reads as a phone number: digits with the usual separators only.</summary>
    public static bool LooksLikePhone(string term) =>
        term.Count(char.IsAsciiDigit) >= 4 && term.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.');
}
