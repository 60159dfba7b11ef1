using System.Globalization;
using System.Text;

namespace Keqing.Infrastructure.Http;

/// <summary>
/// Makes text safe to put in a CSV or Excel cell: a cell a spreadsheet could take as a formula (CSV injection, e.g.
/// <c>=HYPERLINK(...)</c>) gets a leading apostrophe and is shown as the text it is. Every CSV and .xlsx the app writes
/// (exports, rejected import rows, data-subject exports) goes through here.
/// </summary>
/// <remarks>
/// A cell counts as a formula when it starts with a tab or a carriage return (OWASP), or when its first visible character
/// is <c>= + - @</c> or a full-width or small form of one (<c>＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫</c>), whatever whitespace, control or
/// invisible format characters (zero-width space, byte-order mark, direction marks …) come before it. Why so wide
/// (docs/security.md, T13): Google Sheets and LibreOffice's "trim spaces" drop leading whitespace on import, and Chinese
/// input methods and office suites fold full-width operators to ASCII, so "looks like text here" is not "is text
/// there"; a false alarm only costs a visible apostrophe on a rare cell.
/// </remarks>
public static class SpreadsheetCells
{
    public static string? Neutralise(string? value) => value is { Length: > 0 } && StartsFormula(value) ? "'" + value : value;

    /// <summary>Whether a spreadsheet could read <paramref name="value"/> as a formula (see the remarks).</summary>
    public static bool StartsFormula(string value)
    {
        if (value.Length == 0) return false;
        if (value[0] is '\t' or '\r') return true;
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsInvisible(rune)) continue;
            return rune.Value is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠' or '﹦' or '﹢' or '﹣' or '﹫';
        }
        return false;
    }

    private static bool IsInvisible(Rune rune) => Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>One CSV cell (RFC 4180): quoted where it holds the delimiter, a quote or a line break.</summary>
    public static string Csv(string value, char delimiter = ',') =>
        value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>One CSV line; formula-like cells neutralised unless <paramref name="neutralise"/> is false (test data).</summary>
    public static string CsvLine(IEnumerable<string> cells, char delimiter = ',', bool neutralise = true) =>
        string.Join(delimiter, cells.Select(c => Csv(neutralise ? Neutralise(c)! : c, delimiter)));
}
