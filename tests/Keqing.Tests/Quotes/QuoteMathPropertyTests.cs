using CsCheck;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Quotes.Domain;

namespace Keqing.Tests.Quotes;

/// <summary>
/// Properties of the quote's arithmetic (DOMAIN S3, money exact to the fen): totals are the exact sums of the lines, each
/// line is rounded once, discounts never raise a price, net + tax = gross in both price bases with the tax a fen from the
/// exact VAT, and the largest effective discount is the one approval flows test.
/// </summary>
public sealed class QuoteMathPropertyTests
{
    private static readonly decimal[] VatRates = [0m, 6m, 9m, 13m];

    // Unit prices up to 10^8 fen (a million yuan), quantities up to 10 000, discounts in hundredths of a percent.
    private static readonly Gen<QuoteMathLine> Lines = Gen.Select(Gen.Int[1, 10_000], Gen.Long[0, 100_000_000], Gen.Int[0, 10_000],
        Gen.Int[0, 3].Select(i => VatRates[i]),
        (q, price, discount, vat) => new QuoteMathLine(q, Money.FromMinorUnits(price), discount / 100m, vat));

    private static readonly Gen<(QuoteMathLine[] Lines, decimal Total, bool Inclusive)> Quotes =
        Gen.Select(Lines.Array[0, 30], Gen.Int[0, 10_000], Gen.Bool, (l, t, i) => (l, t / 100m, i));

    [Fact]
    public void Totals_are_the_exact_sums_of_the_lines()
    {
        Quotes.Sample(q =>
        {
            var a = QuoteMath.Compute(q.Lines, q.Total, q.Inclusive, "CNY");
            a.NetTotal.MinorUnits.Should().Be(a.Lines.Sum(l => l.NetAmount.MinorUnits));
            a.TaxTotal.MinorUnits.Should().Be(a.Lines.Sum(l => l.TaxAmount.MinorUnits));
            a.GrandTotal.MinorUnits.Should().Be(a.Lines.Sum(l => l.GrossAmount.MinorUnits));
            a.Subtotal.MinorUnits.Should().Be(q.Lines.Sum(l => l.UnitPrice.MinorUnits * l.Quantity));
            (a.NetTotal + a.TaxTotal).Should().Be(a.GrandTotal);
            (a.Subtotal - a.DiscountTotal).Should().Be(q.Inclusive ? a.GrandTotal : a.NetTotal);
        });
    }

    [Fact]
    public void Each_line_is_rounded_once_from_its_exact_amount()
    {
        Quotes.Sample(q =>
        {
            var a = QuoteMath.Compute(q.Lines, q.Total, q.Inclusive, "CNY");
            for (var i = 0; i < q.Lines.Length; i++)
            {
                var l = q.Lines[i];
                var exact = l.UnitPrice.Amount * l.Quantity * (1 - l.DiscountPercent / 100) * (1 - q.Total / 100);
                var rounded = q.Inclusive ? a.Lines[i].GrossAmount : a.Lines[i].NetAmount;
                // Within half a fen of the exact amount: rounded once, not line discount and total discount separately.
                Math.Abs(rounded.Amount - exact).Should().BeLessThanOrEqualTo(0.005m);
                (a.Lines[i].NetAmount + a.Lines[i].TaxAmount).Should().Be(a.Lines[i].GrossAmount);
            }
        });
    }

    [Fact]
    public void Discounts_never_raise_a_price()
    {
        Quotes.Sample(q =>
        {
            var a = QuoteMath.Compute(q.Lines, q.Total, q.Inclusive, "CNY");
            var undiscounted = QuoteMath.Compute([.. q.Lines.Select(l => l with { DiscountPercent = 0 })], 0, q.Inclusive, "CNY");
            for (var i = 0; i < q.Lines.Length; i++)
            {
                var discounted = q.Inclusive ? a.Lines[i].GrossAmount : a.Lines[i].NetAmount;
                discounted.Should().BeLessThanOrEqualTo(a.Lines[i].ListAmount);
                a.Lines[i].NetAmount.Should().BeLessThanOrEqualTo(undiscounted.Lines[i].NetAmount);
                a.Lines[i].GrossAmount.Should().BeLessThanOrEqualTo(undiscounted.Lines[i].GrossAmount);
                a.Lines[i].NetAmount.IsNegative.Should().BeFalse();
            }
            a.DiscountTotal.IsNegative.Should().BeFalse();
        });
    }

    [Fact]
    public void Tax_is_about_a_fen_from_the_exact_vat_of_the_net_in_both_price_bases()
    {
        Quotes.Sample(q =>
        {
            var a = QuoteMath.Compute(q.Lines, q.Total, q.Inclusive, "CNY");
            for (var i = 0; i < q.Lines.Length; i++)
            {
                var line = a.Lines[i];
                // Exclusive: tax and net each half a fen from exact; inclusive: the tax is gross − net, each half a fen off.
                Math.Abs(line.TaxAmount.Amount - line.NetAmount.Amount * q.Lines[i].VatRatePercent / 100)
                    .Should().BeLessThanOrEqualTo(q.Inclusive ? 0.011m : 0.006m);
            }
        });
    }

    [Fact]
    public void An_inclusive_price_made_from_an_exclusive_one_gives_the_same_net_and_the_gross_within_a_fen()
    {
        Gen.Select(Lines.Array[1, 20], Gen.Int[0, 10_000]).Sample((generated, total) =>
        {
            // Whole-yuan exclusive prices, so price × (1 + rate) is exact in fen at every rate.
            var lines = generated.Select(l => l with { UnitPrice = Money.FromMinorUnits(l.UnitPrice.MinorUnits / 100 * 100) }).ToArray();
            var exclusive = QuoteMath.Compute(lines, total / 100m, false, "CNY");
            var grossLines = lines.Select(l => l with { UnitPrice = Money.Of(l.UnitPrice.Amount * (1 + l.VatRatePercent / 100)) }).ToArray();
            var inclusive = QuoteMath.Compute(grossLines, total / 100m, true, "CNY");
            for (var i = 0; i < lines.Length; i++)
            {
                inclusive.Lines[i].NetAmount.Should().Be(exclusive.Lines[i].NetAmount);
                Math.Abs(inclusive.Lines[i].GrossAmount.MinorUnits - exclusive.Lines[i].GrossAmount.MinorUnits).Should().BeLessThanOrEqualTo(1);
            }
        });
    }

    [Fact]
    public void The_largest_effective_discount_combines_line_and_total_discount()
    {
        Quotes.Sample(q =>
        {
            var a = QuoteMath.Compute(q.Lines, q.Total, q.Inclusive, "CNY");
            var expected = q.Lines.Length == 0 ? 0m : q.Lines.Max(l => QuoteMath.EffectiveDiscountPercent(l.DiscountPercent, q.Total));
            a.MaxDiscountPercent.Should().Be(expected);
            a.MaxDiscountPercent.Should().BeInRange(0m, 100m);
            if (q.Lines.Length > 0) a.MaxDiscountPercent.Should().BeGreaterThanOrEqualTo(Math.Max(q.Total, q.Lines.Max(l => l.DiscountPercent)));
        });
        QuoteMath.EffectiveDiscountPercent(10m, 10m).Should().Be(19m);
    }

    [Fact]
    public void A_known_quote_adds_up_to_the_fen()
    {
        // 3 × 33.33 at 13 % with 10 % off, and 1 × 0.05 at 6 %: each line rounded once, totals summed.
        var a = QuoteMath.Compute([new(3, Money.Of(33.33m), 10m, 13m), new(1, Money.Of(0.05m), 0m, 6m)], 0m, false, "CNY");
        a.Lines[0].NetAmount.Should().Be(Money.Of(89.99m)); // 89.991
        a.Lines[0].TaxAmount.Should().Be(Money.Of(11.70m)); // 11.69883
        a.Lines[1].TaxAmount.Should().Be(Money.Of(0.00m)); // 0.003
        a.GrandTotal.Should().Be(Money.Of(101.74m));
        a.Subtotal.Should().Be(Money.Of(100.04m));
        a.DiscountTotal.Should().Be(Money.Of(10.00m));
    }
}
