using CsCheck;
using Keqing.Infrastructure.Text;

namespace Keqing.Tests.Foundation;

/// <summary>The one phone validator (issue 13, item 13): what it accepts, what it refuses, and that it never throws.</summary>
public sealed class PhoneNumbersTests
{
    private static readonly Gen<string> Digit = Gen.Char['0', '9'].Select(c => c.ToString());

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static Gen<string> Digits(int min, int max) => Gen.Char['0', '9'].Array[min, max].Select(a => new string(a));

    /// <summary>A separator as people type one between groups of digits.</summary>
    private static readonly Gen<string> Separator = Pick("", " ", "-", ".", "  ");

    /// <summary>Digits written as an IME writes them now and then: full width.</summary>
    private static string FullWidth(string s) => new(s.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c).ToArray());

    private static readonly Gen<string> Mobiles =
        Gen.Select(Gen.Char['3', '9'], Digits(9, 9)).Select((second, rest) => "1" + second + rest);

    /// <summary>Area codes: the two-digit ones (010, 020–029) and three-digit ones (0755, 0871 …).</summary>
    private static readonly Gen<string> AreaCodes = Gen.OneOf(
        Pick("010", "020", "021", "022", "023", "024", "025", "027", "028", "029"),
        Gen.Select(Gen.Char['3', '9'], Digits(2, 2)).Select((first, rest) => "0" + first + rest));

    private static readonly Gen<string> LocalNumbers = Gen.Select(Gen.Char['1', '9'], Digits(6, 7)).Select((first, rest) => first + rest);

    [Fact]
    public void Every_mainland_mobile_is_valid_however_it_is_written() =>
        Gen.Select(Mobiles, Separator, Pick("", "+86 ", "+86-", "0086 ", "+86"), Gen.Bool).Sample((mobile, sep, prefix, wide) =>
        {
            var written = prefix + mobile[..3] + sep + mobile[3..7] + sep + mobile[7..];
            if (wide) written = FullWidth(written);
            return PhoneNumbers.IsValid(written) && ContactPoints.NormalizePhone(written) == mobile;
        });

    [Fact]
    public void Every_landline_with_area_code_is_valid_with_or_without_an_extension() =>
        Gen.Select(AreaCodes, LocalNumbers, Separator, Pick("", " 转 ", "转", " ext ", " ext. ", " x", "#", "-"), Digits(1, 5))
            .Sample((area, local, sep, ext, extension) =>
            {
                var written = area + (sep == "" ? "-" : sep) + local + (ext == "" ? "" : ext + extension);
                return PhoneNumbers.IsValid(written);
            });

    [Fact]
    public void A_landline_after_plus_86_drops_the_leading_zero() =>
        Gen.Select(AreaCodes, LocalNumbers).Sample((area, local) => PhoneNumbers.IsValid($"+86 {area[1..]} {local}"));

    [Fact]
    public void International_numbers_in_E164_form_are_valid() =>
        Gen.Select(Gen.Char['1', '9'], Digits(7, 14), Separator).Sample((first, rest, sep) =>
            PhoneNumbers.IsValid("+" + first + sep + rest) || (first == '8' && rest.StartsWith('6')));

    [Fact]
    public void Short_numbers_and_mobiles_with_a_wrong_prefix_are_refused()
    {
        Digits(1, 6).Sample(d => !PhoneNumbers.IsValid(d));
        Gen.Select(Gen.Char['0', '2'], Digits(9, 9)).Sample((second, rest) => !PhoneNumbers.IsValid("1" + second + rest));
        Gen.Select(Mobiles, Digit).Sample((mobile, extra) => !PhoneNumbers.IsValid(mobile + extra)); // twelve digits are no mobile
    }

    [Fact]
    public void Letters_are_refused_and_nothing_throws()
    {
        Gen.Select(Mobiles, Gen.Char['a', 'w']).Sample((mobile, letter) => !PhoneNumbers.IsValid(mobile[..5] + letter + mobile[5..]));
        Gen.String.Sample(s => { PhoneNumbers.IsValid(s); return true; });
    }

    [Theory]
    [InlineData("138 0013 8000", true)]
    [InlineData("+86 138-0013-8000", true)]
    [InlineData("021-5888 8888 转 123", true)]
    [InlineData("0755-12345678-8001", true)]
    [InlineData("(010) 6552 9988", true)]
    [InlineData("400-820-8820", true)]
    [InlineData("+852 2123 4567", true)]
    [InlineData("+1 (415) 555-0100", true)]
    [InlineData("12345", false)]
    [InlineData("1380013800", false)]
    [InlineData("138001380001", false)]
    [InlineData("5888 8888", false)]
    [InlineData("021-123", false)]
    [InlineData("+0 1234 5678", false)]
    [InlineData("call me", false)]
    [InlineData("", false)]
    public void Examples(string phone, bool valid) => PhoneNumbers.IsValid(phone).Should().Be(valid);

    /// <summary>A tap on a number dials what the validator read: the number, a pause, then the extension.</summary>
    [Theory]
    [InlineData("0755-12345678-8001", "tel:075512345678,8001")]
    [InlineData("021-5888 8888 转 123", "tel:02158888888,123")]
    [InlineData("010 6552 9988 ext. 42", "tel:01065529988,42")]
    [InlineData("０７５５-１２３４５６７８", "tel:075512345678")]
    [InlineData("+852 2123 4567", "tel:+85221234567")]
    public void A_tel_link_splits_the_extension_as_the_validator_reads_it(string phone, string expected) =>
        ContactLinks.Tel(phone).Should().Be(expected);

    [Fact]
    public void Every_landline_extension_becomes_a_pause_and_its_digits() =>
        Gen.Select(AreaCodes, LocalNumbers, Pick(" 转 ", " ext ", "#", "-"), Digits(1, 5)).Sample((area, local, ext, extension) =>
            ContactLinks.Tel($"{area}-{local}{ext}{extension}") == $"tel:{area}{local},{extension}");
}
