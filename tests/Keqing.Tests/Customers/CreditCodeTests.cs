using Keqing.Modules.Customers.Contracts;

namespace Keqing.Tests.Customers;

/// <summary>The unified social credit code's check character (GB 32100-2015).</summary>
public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]   // the example printed in explanations of GB 32100-2015
    [InlineData("91350100m000100y43")]   // case does not matter
    [InlineData("913101153AGYGLUY2T")]   // from the sample registry file
    public void Valid_credit_codes_pass(string code) => CreditCode.IsValid(code).Should().BeTrue();

    [Theory]
    [InlineData("91350100M000100Y44")]   // wrong check character
    [InlineData("91350100M000100Y4")]    // 17 characters
    [InlineData("91350100M000100Y433")]  // 19 characters
    [InlineData("91350100I000100Y43")]   // I is not in the alphabet
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_credit_codes_fail(string? code) => CreditCode.IsValid(code).Should().BeFalse();

    [Fact]
    public void Check_character_follows_the_standard_weights()
    {
        // Sum of value × 3^i mod 31 over the first 17; check = (31 − sum mod 31) mod 31, as an index into the alphabet.
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var first17 = "91350100M000100Y4";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += alphabet.IndexOf(first17[i]) * (int)(BigPow(3, i) % 31);
        CreditCode.CheckCharacter(first17).Should().Be(alphabet[(31 - sum % 31) % 31]);
        CreditCode.CheckCharacter(first17).Should().Be('3');
    }

    private static long BigPow(int b, int e) { long r = 1; for (var i = 0; i < e; i++) r *= b; return r; }
}
