using Keqing.Infrastructure.Money;

namespace Keqing.Modules.Quotes.Domain;

/// <summary>One line as <see cref="QuoteMath"/> prices it: the unit price is in the quote's price basis (with VAT when the quote is tax-inclusive).</summary>
public sealed record QuoteMathLine(int Quantity, Money UnitPrice, decimal DiscountPercent, decimal VatRatePercent);

/// <summary>
/// A line's amounts: <paramref name="ListAmount"/> is quantity × unit price before discounts (in the price basis);
/// net + tax = gross exactly; the effective discount is the line's and the quote's discount together, in percent.
/// </summary>
public sealed record QuoteLineAmounts(Money ListAmount, Money NetAmount, Money TaxAmount, Money GrossAmount, decimal EffectiveDiscountPercent);

/// <summary>The lines' amounts and the quote's totals: every total is the exact sum of the lines' amounts.</summary>
public sealed record QuoteAmounts(IReadOnlyList<QuoteLineAmounts> Lines, Money Subtotal, Money DiscountTotal, Money NetTotal,
    Money TaxTotal, Money GrandTotal, decimal MaxDiscountPercent);

/// <summary>
/// The quote's arithmetic (DOMAIN S3). Per line the discounted amount quantity × unit price × (1 − line %) × (1 − total %)
/// is computed exactly and rounded ONCE to the fen: for tax-exclusive prices that is the net amount and the tax is the
/// net's exact VAT rounded once; for tax-inclusive prices it is the gross amount and the net is the exact gross ÷ (1 +
/// rate) rounded once. The third amount is the difference, so net + tax = gross on every line, and the totals are sums
/// of the lines (never rounded again): what the customer sees adds up.
/// </summary>
public static class QuoteMath
{
    public static QuoteAmounts Compute(IReadOnlyList<QuoteMathLine> lines, decimal totalDiscountPercent, bool taxInclusive, string currency)
    {
        CheckPercent(totalDiscountPercent, nameof(totalDiscountPercent));
        var amounts = lines.Select(l => Line(l, totalDiscountPercent, taxInclusive, currency)).ToList();
        var zero = Money.Zero(currency);
        var subtotal = amounts.Aggregate(zero, (s, a) => s + a.ListAmount);
        var net = amounts.Aggregate(zero, (s, a) => s + a.NetAmount);
        var tax = amounts.Aggregate(zero, (s, a) => s + a.TaxAmount);
        var gross = amounts.Aggregate(zero, (s, a) => s + a.GrossAmount);
        var discounted = taxInclusive ? gross : net;
        return new QuoteAmounts(amounts, subtotal, subtotal - discounted, net, tax, gross,
            amounts.Count == 0 ? 0m : amounts.Max(a => a.EffectiveDiscountPercent));
    }

    /// <summary>The discount of a line discount and the quote's discount applied one after the other, in percent (4 places).</summary>
    public static decimal EffectiveDiscountPercent(decimal linePercent, decimal totalPercent) =>
        decimal.Round(100m - (100m - linePercent) * (100m - totalPercent) / 100m, 4, MidpointRounding.AwayFromZero);

    private static QuoteLineAmounts Line(QuoteMathLine line, decimal totalDiscountPercent, bool taxInclusive, string currency)
    {
        if (line.Quantity < 1) throw new ArgumentOutOfRangeException(nameof(line), "The quantity is at least 1.");
        CheckPercent(line.DiscountPercent, nameof(line));
        CheckPercent(line.VatRatePercent, nameof(line));
        if (line.UnitPrice.IsNegative) throw new ArgumentOutOfRangeException(nameof(line), "The unit price cannot be negative.");
        if (line.UnitPrice.Currency != currency) throw new ArgumentException("The line's currency differs from the quote's.", nameof(line));

        var list = line.UnitPrice * (long)line.Quantity;
        var exact = list.Amount * (100m - line.DiscountPercent) / 100m * (100m - totalDiscountPercent) / 100m;
        var rate = line.VatRatePercent / 100m;
        Money net, tax, gross;
        if (taxInclusive)
        {
            gross = Money.Round(exact, currency);
            net = Money.Round(exact / (1m + rate), currency);
            tax = gross - net;
        }
        else
        {
            net = Money.Round(exact, currency);
            tax = Money.Round(exact * rate, currency);
            gross = net + tax;
        }
        return new QuoteLineAmounts(list, net, tax, gross, EffectiveDiscountPercent(line.DiscountPercent, totalDiscountPercent));
    }

    private static void CheckPercent(decimal value, string name)
    {
        if (value is < 0m or > 100m) throw new ArgumentOutOfRangeException(name, "A percentage is 0 to 100.");
    }
}
