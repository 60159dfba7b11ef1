using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>The mailbox password and webhook secret, protected at rest with ASP.NET Data Protection (keys in the database).</summary>
public sealed class MailboxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Keqing.Mailbox.Secrets");

    public string Protect(string value) => protector.Protect(value);

    public string Unprotect(string value) => protector.Unprotect(value);

    /// <summary>A new random webhook secret (256 bits, URL-safe).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new random mailbox key for the webhook's address (128 bits, URL-safe).</summary>
    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
