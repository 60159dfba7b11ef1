using System.Globalization;
using System.Text.RegularExpressions;

namespace Keqing.Modules.Opportunities.Domain;

/// <summary>A forecast period: a calendar month (<c>2026-12</c>) or quarter (<c>2026Q4</c>), from its first day up to (not including) <see cref="To"/>.</summary>
public sealed partial record ForecastPeriod(string Name, DateOnly From, DateOnly To)
{
    [GeneratedRegex(@"^(?<year>[0-9]{4})(-(?<month>[0-9]{2})|Q(?<quarter>[1-4]))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The period named by <paramref name="text"/>, or null when it is neither a month nor a quarter of the years 2000–2999.</summary>
    public static ForecastPeriod? Parse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim().ToUpperInvariant());
        if (match is not { Success: true }) return null;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999) return null;
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            var start = new DateOnly(year, quarter * 3 - 2, 1);
            return new ForecastPeriod($"{year}Q{quarter}", start, start.AddMonths(3));
        }
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12) return null;
        var first = new DateOnly(year, month, 1);
        return new ForecastPeriod($"{year}-{month:00}", first, first.AddMonths(1));
    }

    /// <summary>The month a date falls in.</summary>
    public static ForecastPeriod MonthOf(DateOnly day) => Parse($"{day.Year}-{day.Month:00}")!;

    /// <summary>The quarter a date falls in.</summary>
    public static ForecastPeriod QuarterOf(DateOnly day) => Parse($"{day.Year}Q{(day.Month + 2) / 3}")!;
}
