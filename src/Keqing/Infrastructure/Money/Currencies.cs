using System.Collections.Frozen;

namespace Keqing.Infrastructure.Money;

/// <summary>The ISO 4217 currencies Keqing accepts and how many minor-unit digits each has (CNY 2: yuan and fen).</summary>
public static class Currencies
{
    public const string Default = "CNY";

    // ISO 4217 minor units. A currency not listed here is refused rather than guessed: a wrong digit count would
    // scale every stored amount by a power of ten.
    private static readonly FrozenDictionary<string, int> Digits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["CNY"] = 2, ["HKD"] = 2, ["MOP"] = 2, ["TWD"] = 2, ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2,
        ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2, ["SGD"] = 2, ["MYR"] = 2, ["THB"] = 2, ["PHP"] = 2, ["IDR"] = 2,
        ["INR"] = 2, ["RUB"] = 2, ["AED"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2,
        ["CZK"] = 2, ["HUF"] = 2, ["TRY"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2, ["KZT"] = 2, ["MNT"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["UGX"] = 0, ["PYG"] = 0, ["XAF"] = 0,
        ["XOF"] = 0, ["BHD"] = 3, ["KWD"] = 3, ["JOD"] = 3, ["OMR"] = 3, ["TND"] = 3, ["LYD"] = 3, ["IQD"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Digits.ContainsKey(code);

    /// <summary>Digits after the decimal point of the currency's minor unit (CNY 2, JPY 0, KWD 3).</summary>
    public static int MinorDigits(string code) => Digits.TryGetValue(code, out var digits)
        ? digits
        : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code Keqing knows (such as CNY, USD, EUR, JPY).", nameof(code));

    /// <summary>The codes Keqing knows, in order.</summary>
    public static IEnumerable<string> Known => Digits.Keys.Order(StringComparer.Ordinal);
}
