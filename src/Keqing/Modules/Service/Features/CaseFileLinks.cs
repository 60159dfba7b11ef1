using System.Buffers.Binary;
using System.Security.Cryptography;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Download links for a reply's files too large to attach to its email: the file's id and the link's end sealed with
/// ASP.NET Data Protection (like the survey link), opened without signing in by whoever has the email — the contact's
/// mail client, whatever address the reply went to (a contact need not have the portal). The link ends after
/// <see cref="ServiceOptions.FileLinkDays"/>, checked against the app clock; an erased file is gone.
/// </summary>
public sealed class CaseFileLinks(KeqingDb db, IDataProtectionProvider provider, IOptions<ServiceOptions> options, TimeProvider time)
{
    private readonly IDataProtector protector = provider.CreateProtector("Keqing.Service.CaseFile.v1");

    public static string Path(string token) => "/api/public/case-files/" + token;

    public string For(Guid attachmentId)
    {
        var until = time.GetUtcNow().AddDays(Math.Max(1, options.Value.FileLinkDays)).ToUnixTimeSeconds();
        var sealedBytes = new byte[24];
        attachmentId.TryWriteBytes(sealedBytes);
        BinaryPrimitives.WriteInt64BigEndian(sealedBytes.AsSpan(16), until);
        return WebEncoders.Base64UrlEncode(protector.Protect(sealedBytes));
    }

    /// <summary>The file a link names: 404 for anything not a link of ours (or a file since erased), 409 for an ended link.</summary>
    public async Task<CaseAttachment> Open(string? token, CancellationToken ct)
    {
        var (id, until) = Read(token) ?? throw new NotFoundException("file");
        if (time.GetUtcNow().ToUnixTimeSeconds() >= until)
            throw new ConflictException(FieldErrors.Text("This download link has expired. Reply to the email to ask for the file again."));
        return await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.MessageId != null, ct)
            ?? throw new NotFoundException("file");
    }

    private (Guid Id, long Until)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400) return null;
        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 24 ? (new Guid(bytes.AsSpan(0, 16)), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16))) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
