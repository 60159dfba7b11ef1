using CsCheck;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Tests.Quotes;

/// <summary>Amounts in Chinese capitals (大写) as a printed quote shows the grand total: 零 rules, 角 and 分, 整.</summary>
public sealed class AmountInWordsTests
{
    [Theory]
    [InlineData("128000", "壹拾贰万捌仟元整")]
    [InlineData("0", "零元整")]
    [InlineData("1", "壹元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("101", "壹佰零壹元整")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("1100", "壹仟壹佰元整")]
    [InlineData("10005", "壹万零伍元整")]
    [InlineData("100050", "壹拾万零伍拾元整")]
    [InlineData("105000", "壹拾万伍仟元整")]
    [InlineData("1000000", "壹佰万元整")]
    [InlineData("10100000", "壹仟零壹拾万元整")]
    [InlineData("100005000", "壹亿零伍仟元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("120000000000", "壹仟贰佰亿元整")]
    [InlineData("1000000000000", "壹万亿元整")]
    [InlineData("0.5", "伍角")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.35", "叁角伍分")]
    [InlineData("1000.05", "壹仟元零伍分")]
    [InlineData("1000.50", "壹仟元伍角")]
    [InlineData("1680.32", "壹仟陆佰捌拾元叁角贰分")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("-35.60", "负叁拾伍元陆角")]
    public void Writes_the_amount_as_a_cheque_or_invoice_does(string amount, string words) =>
        AmountInWords.Chinese(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(words);

    [Fact]
    public void Refuses_fractions_of_a_fen() =>
        FluentActions.Invoking(() => AmountInWords.Chinese(1.005m)).Should().Throw<ArgumentException>();

    [Fact]
    public void Every_amount_reads_back_as_itself_with_one_zero_at_a_time_and_none_at_the_end() =>
        Gen.Long[0, 999_999_999_999_99].Sample(fen =>
        {
            var words = AmountInWords.Chinese(fen / 100m);
            if (fen == 0) return;
            words.Should().NotContain("零零").And.NotContain("零元").And.NotContain("零万").And.NotContain("零亿").And.NotStartWith("零");
            (words.EndsWith('整') == (fen % 100 == 0)).Should().BeTrue(words);
            ReadBack(words).Should().Be(fen, words);
        });

    /// <summary>The amount in fen the words say (the reverse of <see cref="AmountInWords.Chinese"/>, written independently).</summary>
    private static long ReadBack(string words)
    {
        const string digits = "零壹贰叁肆伍陆柒捌玖";
        long total = 0, belowYi = 0, section = 0, digit = 0, fen = 0;
        foreach (var c in words)
        {
            var d = digits.IndexOf(c, StringComparison.Ordinal);
            if (d >= 0) { digit = d; continue; }
            switch (c)
            {
                case '拾': section += digit * 10; digit = 0; break;
                case '佰': section += digit * 100; digit = 0; break;
                case '仟': section += digit * 1000; digit = 0; break;
                case '万': belowYi += (section + digit) * 10_000; section = digit = 0; break;
                case '亿': total = (total + belowYi + section + digit) * 100_000_000; belowYi = section = digit = 0; break;
                case '元': total += belowYi + section + digit; belowYi = section = digit = 0; break;
                case '角': fen += digit * 10; digit = 0; break;
                case '分': fen += digit; digit = 0; break;
            }
        }
        return total * 100 + fen;
    }
}
