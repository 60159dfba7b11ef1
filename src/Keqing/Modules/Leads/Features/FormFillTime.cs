using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The minimum fill time of a web form: the page carries the time it was rendered, signed with the app's
/// data-protection keys (shared by every node), so a post can tell how long the visitor took and a bot cannot forge it.
/// </summary>
public sealed class FormFillTime(IDataProtectionProvider protection, TimeProvider time, IOptions<LeadFormOptions> options)
{
    /// <summary>What a post's token says.</summary>
    public enum Verdict { Ok, Missing, TooFast }

    private readonly IDataProtector protector = protection.CreateProtector("Keqing.Leads.FormFillTime.v1");

    /// <summary>A token for the form <paramref name="formKey"/> rendered now (or at <paramref name="renderedAt"/>).</summary>
    public string Issue(string formKey, DateTimeOffset? renderedAt = null) =>
        protector.Protect(formKey + "|" + (renderedAt ?? time.GetUtcNow()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public Verdict Check(string formKey, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return Verdict.Missing;
        string plain;
        try { plain = protector.Unprotect(token); }
        catch (Exception e) when (e is CryptographicException or FormatException) { return Verdict.Missing; }
        var bar = plain.LastIndexOf('|');
        if (bar < 0 || plain[..bar] != formKey
            || !long.TryParse(plain[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
            return Verdict.Missing;
        var elapsed = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(millis);
        return elapsed < TimeSpan.FromSeconds(options.Value.MinimumFillSeconds) ? Verdict.TooFast : Verdict.Ok;
    }
}
