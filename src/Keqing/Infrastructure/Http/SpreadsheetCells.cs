namespace Keqing.Infrastructure.Http;

/// <summary>
/// Makes text safe to put in a CSV or Excel cell: a cell starting with <c>= + - @</c>, tab or carriage return would be
/// taken by the spreadsheet as a formula (CSV injection, e.g. <c>=HYPERLINK(...)</c>), so it gets a leading apostrophe
/// and is shown as the text it is.
/// </summary>
public static class SpreadsheetCells
{
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
