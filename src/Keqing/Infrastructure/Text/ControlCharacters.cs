using System.Globalization;

namespace Keqing.Infrastructure.Text;

/// <summary>
/// The control characters Keqing does not store: C0 (U+0000–U+001F) but tab, line feed and carriage return, and DEL.
/// PostgreSQL refuses U+0000 in text outright; the rest are refused too so both providers keep the same data.
/// </summary>
public static class ControlCharacters
{
    public static bool IsRefused(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f';

    /// <summary>The first refused character of <paramref name="value"/>, or null.</summary>
    public static char? FirstIn(string? value)
    {
        if (value is null) return null;
        foreach (var c in value)
            if (IsRefused(c)) return c;
        return null;
    }

    /// <summary><paramref name="value"/> without any C0 control character or DEL (tab and line breaks too): for search terms and filters.</summary>
    public static string Strip(string value) =>
        value.Any(c => c < ' ' || c == '\u007f') ? new string(value.Where(c => c >= ' ' && c != '\u007f').ToArray()) : value;

    /// <summary>How a message names the character: <c>U+0000</c>.</summary>
    public static string Name(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
