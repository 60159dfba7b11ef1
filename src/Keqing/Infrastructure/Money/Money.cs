using System.Globalization;
using System.Text.Json.Serialization;

namespace Keqing.Infrastructure.Money;

/// <summary>
/// An amount of money: a whole number of the currency's minor unit (fen for CNY) and an ISO 4217 currency code.
/// Stored as <see cref="MinorUnits"/> (a long, exact on every provider); shown and accepted as a decimal <see cref="Amount"/>.
/// </summary>
/// <remarks>
/// Computations that leave the minor unit (a rate, a percentage) round once, half away from zero (四舍五入, as Chinese
/// invoices and the tax bureau's e-invoice round); see docs/adr/0050-platform-building-blocks.md. Never a binary float.
/// </remarks>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    private readonly string? currency;

    private Money(long minorUnits, string currency)
    {
        MinorUnits = minorUnits;
        this.currency = currency;
    }

    /// <summary>The amount in the currency's minor unit (fen): 12.34 CNY is 1234.</summary>
    public long MinorUnits { get; }

    /// <summary>The ISO 4217 code; CNY for <c>default(Money)</c>.</summary>
    public string Currency => currency ?? Currencies.Default;

    /// <summary>The amount in the major unit, with exactly the currency's digits: 12.34 (CNY), 1200 (JPY).</summary>
    public decimal Amount => MinorUnits * Unit(Currencies.MinorDigits(Currency)); // the product keeps the unit's scale: 12.30, not 12.3

    public bool IsZero => MinorUnits == 0;
    public bool IsNegative => MinorUnits < 0;

    public static Money Zero(string currency = Currencies.Default) => FromMinorUnits(0, currency);

    /// <summary>An amount given in minor units (fen).</summary>
    public static Money FromMinorUnits(long minorUnits, string currency = Currencies.Default)
    {
        Currencies.MinorDigits(currency); // refuses an unknown code
        return new Money(minorUnits, currency);
    }

    /// <summary>An exact amount; more decimals than the currency has is an error (12.345 CNY), never silently rounded.</summary>
    public static Money Of(decimal amount, string currency = Currencies.Default)
    {
        var digits = Currencies.MinorDigits(currency);
        if (!FitsMinorUnit(amount, currency))
            throw new ArgumentException(
                $"{amount.ToString(CultureInfo.InvariantCulture)} has more than {digits} decimal places, which {currency} does not allow.", nameof(amount));
        return new Money(ToLong(amount * Pow10(digits)), currency);
    }

    /// <summary>An amount computed elsewhere (a price times a rate), rounded once to the minor unit, half away from zero.</summary>
    public static Money Round(decimal amount, string currency = Currencies.Default)
    {
        var digits = Currencies.MinorDigits(currency);
        return new Money(ToLong(decimal.Round(amount, digits, MidpointRounding.AwayFromZero) * Pow10(digits)), currency);
    }

    /// <summary>Whether <paramref name="amount"/> fits the currency's minor unit exactly.</summary>
    public static bool FitsMinorUnit(decimal amount, string currency) =>
        decimal.Round(amount, Currencies.MinorDigits(currency), MidpointRounding.ToZero) == amount;

    public static Money operator +(Money a, Money b) => new(checked(a.MinorUnits + b.MinorUnits), SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.MinorUnits - b.MinorUnits), SameCurrency(a, b));
    public static Money operator -(Money a) => new(checked(-a.MinorUnits), a.Currency);

    /// <summary>A quantity of the amount (exact).</summary>
    public static Money operator *(Money a, long quantity) => new(checked(a.MinorUnits * quantity), a.Currency);

    /// <summary>The amount times a rate or fractional quantity, rounded once to the minor unit, half away from zero.</summary>
    public static Money operator *(Money a, decimal factor) => Round(a.Amount * factor, a.Currency);

    public Money Add(Money other) => this + other;
    public Money Subtract(Money other) => this - other;
    public Money Multiply(decimal factor) => this * factor;

    /// <summary>
    /// Splits the amount over shares in proportion to <paramref name="weights"/> (line totals for a discount, 1s for an
    /// even split) so the parts add up to exactly this amount: each part is rounded toward zero to the minor unit, and
    /// the minor units left over go one each to the parts with the largest remainders (ties: the earlier part).
    /// </summary>
    public Money[] Allocate(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("Give at least one weight.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var total = weights.Sum();
        if (total == 0) throw new ArgumentException("At least one weight must be above zero.", nameof(weights));

        var sign = Math.Sign(MinorUnits);
        var whole = Math.Abs((decimal)MinorUnits);
        var parts = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            // whole * weight can overflow decimal for huge weights; dividing first keeps 28 digits of the share.
            var exact = whole * (weights[i] / total);
            parts[i] = (long)decimal.Truncate(exact);
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        // The truncated parts fall short by fewer units than there are parts: one each to the largest remainders.
        // (Decimal division can leave the shares a hair off, so the loops also cover a unit too many.)
        var order = Enumerable.Range(0, parts.Length).Where(i => weights[i] > 0)
            .OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        var left = (long)whole - given;
        for (var k = 0; left > 0; k++, left--) parts[order[k % order.Length]]++;
        for (var k = order.Length - 1; left < 0; k = (k + order.Length - 1) % order.Length)
            if (parts[order[k]] > 0) { parts[order[k]]--; left++; }
        var code = Currency;
        return parts.Select(p => new Money(p * sign, code)).ToArray();
    }

    /// <summary>Splits the amount into <paramref name="count"/> parts that differ by at most one minor unit (earlier parts larger).</summary>
    public Money[] Split(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Allocate(Enumerable.Repeat(1m, count).ToArray());
    }

    public bool Equals(Money other) => MinorUnits == other.MinorUnits && Currency == other.Currency;
    public override bool Equals(object? obj) => obj is Money other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(MinorUnits, Currency);
    public static bool operator ==(Money a, Money b) => a.Equals(b);
    public static bool operator !=(Money a, Money b) => !a.Equals(b);

    /// <summary>Orders amounts of one currency; comparing two currencies is an error.</summary>
    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    /// <summary>"12.34 CNY", invariant culture.</summary>
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";

    private static string SameCurrency(Money a, Money b) => a.Currency == b.Currency
        ? a.Currency
        : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}: convert one first.");

    private static decimal Unit(int digits) => digits switch { 0 => 1m, 1 => 0.1m, 2 => 0.01m, 3 => 0.001m, _ => throw new ArgumentOutOfRangeException(nameof(digits)) };

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(digits)) };

    private static long ToLong(decimal minorUnits) => minorUnits is >= long.MinValue and <= long.MaxValue
        ? (long)minorUnits
        : throw new OverflowException($"{minorUnits.ToString(CultureInfo.InvariantCulture)} minor units do not fit the stored range.");
}
