namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, Z, S, V;
/// the last is a check character over the first 17 (weights 3^i mod 31, check = 31 − sum mod 31).
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null when one of them is not in the code's alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) return null;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]));
            if (value < 0) return null;
            sum += value * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return Alphabet[check];
    }

    /// <summary>Whether <paramref name="code"/> is a well-formed code with a correct check character (case-insensitive).</summary>
    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 }) return false;
        var check = CheckCharacter(code.AsSpan(0, 17));
        return check is { } c && char.ToUpperInvariant(code[17]) == c;
    }
}
