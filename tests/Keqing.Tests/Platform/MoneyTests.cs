using System.Reflection;
using System.Text.Json;
using CsCheck;
using Keqing.Infrastructure.Money;

namespace Keqing.Tests.Platform;

/// <summary>Money: exact minor units, one rounding half away from zero, allocation without losing a fen, the JSON shape.</summary>
public sealed class MoneyTests
{
    private static readonly string[] Codes = ["CNY", "USD", "EUR", "JPY", "KWD"];
    private static readonly Gen<string> Currency = Gen.Int[0, Codes.Length - 1].Select(i => Codes[i]);
    /// <summary>Amounts up to ±10^13 minor units, so sums of a few stay far inside long.</summary>
    private static readonly Gen<long> Minor = Gen.Long[-10_000_000_000_000, 10_000_000_000_000];
    private static readonly Gen<Money> AnyMoney = Gen.Select(Minor, Currency).Select((m, c) => Money.FromMinorUnits(m, c));

    [Fact]
    public void Amounts_are_minor_units_with_the_currency_s_digits()
    {
        Money.Of(12.34m).Should().Be(Money.FromMinorUnits(1234, "CNY"));
        Money.Of(12.34m).Amount.Should().Be(12.34m);
        Money.Of(12.3m).Amount.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("12.30");
        Money.Of(1200, "JPY").MinorUnits.Should().Be(1200);
        Money.Of(1.234m, "KWD").MinorUnits.Should().Be(1234);
        default(Money).Currency.Should().Be("CNY");
        Money.Of(-0.01m).ToString().Should().Be("-0.01 CNY");
        FluentActions.Invoking(() => Money.Of(12.345m)).Should().Throw<ArgumentException>().WithMessage("*more than 2 decimal places*CNY*");
        FluentActions.Invoking(() => Money.Of(1.5m, "JPY")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Money.Of(1m, "XYZ")).Should().Throw<ArgumentException>().WithMessage("*ISO 4217*");
        FluentActions.Invoking(() => Money.Of(1m, "cny")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Money.Of(decimal.MaxValue)).Should().Throw<OverflowException>();
    }

    [Fact]
    public void Rates_round_once_half_away_from_zero_as_on_a_Chinese_invoice()
    {
        // 0.125 → 0.13 (四舍五入); banker's rounding would give 0.12.
        (Money.Of(0.25m) * 0.5m).Should().Be(Money.Of(0.13m));
        (Money.Of(-0.25m) * 0.5m).Should().Be(Money.Of(-0.13m));
        // 13% VAT on 99.99: 12.9987 → 13.00, one rounding of the exact product.
        (Money.Of(99.99m) * 0.13m).Should().Be(Money.Of(13.00m));
        // Rounding twice (to 3 places, then 2) would give 0.02 for 0.01449…; once gives 0.01.
        Money.Round(0.014_49m).Should().Be(Money.Of(0.01m));
        (Money.Of(19.99m) * 3L).Should().Be(Money.Of(59.97m));
        (Money.Of(100, "JPY") * 0.085m).Should().Be(Money.Of(9, "JPY"));
    }

    [Fact]
    public void Different_currencies_never_mix()
    {
        FluentActions.Invoking(() => Money.Of(1m) + Money.Of(1m, "USD")).Should().Throw<InvalidOperationException>().WithMessage("*CNY and USD*");
        FluentActions.Invoking(() => Money.Of(1m) - Money.Of(1m, "USD")).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Money.Of(1m) < Money.Of(1m, "USD")).Should().Throw<InvalidOperationException>();
        Money.Of(1m).Should().NotBe(Money.Of(1m, "USD"));
    }

    [Fact]
    public void A_discount_spread_over_lines_loses_no_fen()
    {
        var parts = Money.Of(-10m).Allocate([33.33m, 33.33m, 33.34m]);
        parts.Select(p => p.MinorUnits).Should().Equal(-333, -333, -334);
        Money.Of(0.05m).Split(3).Select(p => p.MinorUnits).Should().Equal(2, 2, 1);
        Money.Of(1m).Allocate([0m, 1m, 0m]).Select(p => p.MinorUnits).Should().Equal(0, 100, 0);
        FluentActions.Invoking(() => Money.Of(1m).Allocate([0m, 0m])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Money.Of(1m).Allocate([1m, -1m])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Money.Of(1m).Allocate([])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Allocation_always_sums_exactly_and_follows_the_weights() =>
        Gen.Select(AnyMoney, Gen.Decimal[0m, 1_000_000m].Array[1, 30]).Where((_, w) => w.Sum() > 0).Sample((total, weights) =>
        {
            var parts = total.Allocate(weights);
            parts.Should().HaveCount(weights.Length);
            parts.Aggregate(Money.Zero(total.Currency), (a, b) => a + b).Should().Be(total);
            var sum = weights.Sum();
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i].Currency.Should().Be(total.Currency);
                if (weights[i] == 0) parts[i].IsZero.Should().BeTrue();
                // Each part is within one minor unit of its exact share, never on the other side of zero.
                var exact = total.MinorUnits * (weights[i] / sum);
                Math.Abs(parts[i].MinorUnits - exact).Should().BeLessThan(1m + 1e-9m);
                (parts[i].MinorUnits * Math.Sign(total.MinorUnits)).Should().BeGreaterThanOrEqualTo(0);
            }
        });

    [Fact]
    public void Addition_is_commutative_and_associative_and_subtraction_undoes_it() =>
        Gen.Select(Minor, Minor, Minor, Currency).Sample((a, b, c, code) =>
        {
            var (x, y, z) = (Money.FromMinorUnits(a, code), Money.FromMinorUnits(b, code), Money.FromMinorUnits(c, code));
            (x + y).Should().Be(y + x);
            ((x + y) + z).Should().Be(x + (y + z));
            (x + y - y).Should().Be(x);
            (x + Money.Zero(code)).Should().Be(x);
            (x + -x).IsZero.Should().BeTrue();
        });

    [Fact]
    public void Amounts_round_trip_through_decimal_and_JSON() =>
        AnyMoney.Sample(money =>
        {
            Money.Of(money.Amount, money.Currency).Should().Be(money);
            Money.FromMinorUnits(money.MinorUnits, money.Currency).Should().Be(money);
            var json = JsonSerializer.Serialize(money, JsonSerializerOptions.Web);
            JsonSerializer.Deserialize<Money>(json, JsonSerializerOptions.Web).Should().Be(money);
            (money * 1m).Should().Be(money);
            (money * 1L).Should().Be(money);
        });

    [Fact]
    public void Multiplying_by_a_rate_rounds_the_exact_product_once() =>
        Gen.Select(AnyMoney, Gen.Decimal[-1000m, 1000m]).Sample((money, rate) =>
        {
            var exact = money.Amount * rate;
            var result = money * rate;
            var unit = new decimal(1, 0, 0, false, (byte)Currencies.MinorDigits(money.Currency));
            Math.Abs(result.Amount - exact).Should().BeLessThanOrEqualTo(unit / 2);
            if (Math.Abs(result.Amount - exact) == unit / 2) Math.Abs(result.Amount).Should().BeGreaterThan(Math.Abs(exact));
        });

    [Fact]
    public void The_API_shape_is_amount_and_currency_and_bad_amounts_are_refused_with_a_reason()
    {
        JsonSerializer.Serialize(Money.Of(12.34m), JsonSerializerOptions.Web).Should().Be("""{"amount":12.34,"currency":"CNY"}""");
        JsonSerializer.Serialize(Money.Of(1200, "JPY"), JsonSerializerOptions.Web).Should().Be("""{"amount":1200,"currency":"JPY"}""");
        JsonSerializer.Deserialize<Money>("""{"currency":"USD","amount":1.5}""").Should().Be(Money.Of(1.5m, "USD"));

        string Refusal(string json) => FluentActions.Invoking(() => JsonSerializer.Deserialize<Money>(json))
            .Should().Throw<JsonException>().Which.Message;
        Refusal("""{"amount":12.345,"currency":"CNY"}""").Should().Contain("CNY allows at most 2 decimal places");
        Refusal("""{"amount":1.5,"currency":"JPY"}""").Should().Contain("JPY allows at most 0 decimal places");
        Refusal("""{"amount":1,"currency":"XXY"}""").Should().Contain("ISO 4217");
        Refusal("""{"amount":1}""").Should().Contain("needs a currency");
        Refusal("""{"currency":"CNY"}""").Should().Contain("needs an amount");
        Refusal("""{"amount":"12.34","currency":"CNY"}""").Should().Contain("JSON number");
        Refusal("""{"amount":1e400,"currency":"CNY"}""").Should().Contain("JSON number");
        Refusal("""{"amount":79228162514264337593543950335,"currency":"CNY"}""").Should().Contain("too large");
        Refusal("12.34").Should().Contain("is an object");
    }

    [Fact]
    public void No_binary_floating_point_anywhere_in_the_money_types()
    {
        Type[] floats = [typeof(double), typeof(float), typeof(Half)];
        foreach (var type in new[] { typeof(Money), typeof(Currencies), typeof(MoneyJsonConverter), typeof(MoneyMapping) })
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            type.GetFields(all).Select(f => f.FieldType).Should().NotContain(floats, type.Name);
            type.GetProperties(all).Select(p => p.PropertyType).Should().NotContain(floats, type.Name);
            type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Should().NotContain(floats, type.Name);
        }
    }
}
