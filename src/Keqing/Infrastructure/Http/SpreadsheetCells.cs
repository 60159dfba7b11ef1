namespace Keqing.Infrastructure.Http;

/// <summary>
/// Makes text safe to put in a CSV or Excel cell: a cell starting with <c>= + - @</c>, tab or carriage return would be
/// taken by the spreadsheet as a formula (CSV injection, e.g. <c>=HYPERLINK(...)</c>), so it gets a leading apostrophe
/// and is shown as the text it is. Every CSV and .xlsx the app writes (exports, rejected import rows, data-subject
/// exports) goes through here.
/// </summary>
public static class SpreadsheetCells
{
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>One CSV cell (RFC 4180): quoted where it holds the delimiter, a quote or a line break.</summary>
    public static string Csv(string value, char delimiter = ',') =>
        value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>One CSV line; formula-like cells neutralised unless <paramref name="neutralise"/> is false (test data).</summary>
    public static string CsvLine(IEnumerable<string> cells, char delimiter = ',', bool neutralise = true) =>
        string.Join(delimiter, cells.Select(c => Csv(neutralise ? Neutralise(c)! : c, delimiter)));
}
