using System.Globalization;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Opportunities.Contracts;

namespace Keqing.Modules.Opportunities.Pages;

/// <summary>How the opportunity pages write money (exact to the minor unit, never a float) and name categories and statuses.</summary>
public static class OpportunityText
{
    /// <summary>¥1,234.56 for yuan; other currencies with their code after the amount.</summary>
    public static string Money(Money m)
    {
        var digits = Currencies.MinorDigits(m.Currency);
        var number = m.Amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return m.Currency == Currencies.Default ? "¥" + number : $"{number} {m.Currency}";
    }

    /// <summary>A rate 0–1 as a percentage with one decimal.</summary>
    public static string Percent(decimal rate) => (rate * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    [TextKeys]
    public static string Category(ForecastCategory c) => c switch
    {
        ForecastCategory.BestCase => "Best case",
        ForecastCategory.Commit => "Commit",
        ForecastCategory.Closed => "Closed",
        _ => "Pipeline",
    };

    [TextKeys]
    public static string Status(OpportunityStatus s) => s switch
    {
        OpportunityStatus.Won => "Won",
        OpportunityStatus.Lost => "Lost",
        _ => "Open",
    };
}
