using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The survey link's token: the survey's id sealed with ASP.NET Data Protection (authenticated encryption; keys shared
/// by every node through the database), so a token cannot be forged or altered. Expiry and single use are the survey
/// row's (checked against the app clock), not the token's.
/// </summary>
public sealed class SurveyTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Keqing.Service.Survey.v1");

    public string For(Guid surveyId) => WebEncoders.Base64UrlEncode(protector.Protect(surveyId.ToByteArray()));

    /// <summary>The survey id the token seals; null for anything forged, altered, truncated or not a token at all.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400) return null;
        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
