using System.Globalization;
using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Opportunities.Pages;

/// <summary>Money as the selling pages show it: every minor digit (exact to the fen), grouped, with its currency code.</summary>
public static class MoneyText
{
    public static string Show(Money money) =>
        money.Amount.ToString("N" + Currencies.MinorDigits(money.Currency), CultureInfo.InvariantCulture) + " " + money.Currency;

    /// <summary>A rate 0–1 as a percentage with one decimal.</summary>
    public static string Percent(decimal rate) => (rate * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
