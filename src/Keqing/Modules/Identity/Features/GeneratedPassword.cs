using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Keqing.Modules.Identity.Features;

/// <summary>A random password that satisfies a password policy by construction (every required kind of character, enough distinct ones, the length).</summary>
public static class GeneratedPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.+=@";
    // Look-alikes (l, 1, I, O, 0, o) are left out: the password is read off a console and typed by hand.
    private const string All = Lower + Upper + Digits + Symbols;

    /// <summary>At least 16 characters, more when the policy's length or distinct-character count asks for more.</summary>
    public static string For(PasswordOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var uniqueNeeded = Math.Min(policy.RequiredUniqueChars, All.Length);
        var length = Math.Max(16, Math.Max(policy.RequiredLength, uniqueNeeded));
        var chars = new List<char>(length);
        // One of each kind whether the policy asks or not: stricter than any policy built from these switches.
        foreach (var kind in new[] { Lower, Upper, Digits, Symbols }) chars.Add(kind[RandomNumberGenerator.GetInt32(kind.Length)]);
        var unused = All.Except(chars).ToList();
        while (chars.Distinct().Count() < uniqueNeeded)
        {
            var i = RandomNumberGenerator.GetInt32(unused.Count);
            chars.Add(unused[i]);
            unused.RemoveAt(i);
        }
        while (chars.Count < length) chars.Add(All[RandomNumberGenerator.GetInt32(All.Length)]);
        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chars));
        return new string([.. chars]);
    }
}
