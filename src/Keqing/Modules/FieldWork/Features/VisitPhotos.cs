using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Photos of a visit: JPEG, PNG or WebP, told by their first bytes (never by the name or the declared type), at most
/// <see cref="Rules.MaxPhotoBytes"/> each and <see cref="Rules.MaxPhotosPerVisit"/> per visit, stored in the database.
/// </summary>
public sealed class VisitPhotos(KeqingDb db, IRecordAccess access, CurrentUser me, TimeProvider clock)
{
    /// <summary>404 for a visit the caller may not see, 403 for one that is not theirs.</summary>
    public async Task EnsureMayAdd(Guid visitId, CancellationToken ct)
    {
        var visit = await access.FindVisible(db.Set<Visit>().AsNoTracking(), visitId, ct);
        if (visit.OwnerId != me.UserId) throw new ForbiddenException(FieldErrors.Text("Only the person who made the visit can add photos."));
    }

    public async Task<VisitPhotoDto> Add(Guid visitId, string? fileName, Stream content, long length, CancellationToken ct)
    {
        await EnsureMayAdd(visitId, ct);
        if (length <= 0) throw new ValidationFailedException("file", FieldErrors.Text("The photo is empty."));
        if (length > Rules.MaxPhotoBytes)
            throw new ValidationFailedException("file", FieldErrors.Text("A photo is at most {0} MB.", Rules.MaxPhotoBytes >> 20));
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = ImageType(bytes) ?? throw new ValidationFailedException("file", FieldErrors.Text("A photo is a JPEG, PNG or WebP image."));
        if (await db.Set<VisitPhoto>().CountAsync(p => p.VisitId == visitId, ct) >= Rules.MaxPhotosPerVisit)
            throw new ValidationFailedException("file", FieldErrors.Text("A visit has at most {0} photos.", Rules.MaxPhotosPerVisit));
        var name = Path.GetFileName(fileName ?? "");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl)) name = "photo";
        var photo = new VisitPhoto
        {
            VisitId = visitId, FileName = name, ContentType = type, Size = bytes.Length, Content = bytes, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(photo);
        await db.SaveChangesAsync(ct);
        return new VisitPhotoDto(photo.Id, photo.FileName, photo.ContentType, photo.Size, photo.UploadedAt);
    }

    /// <summary>A photo of a visit the caller may see; 404 otherwise.</summary>
    public async Task<(byte[] Content, string ContentType)> Get(Guid photoId, CancellationToken ct)
    {
        var visitId = await db.Set<VisitPhoto>().Where(p => p.Id == photoId).Select(p => (Guid?)p.VisitId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("photo");
        await access.FindVisible(db.Set<Visit>().AsNoTracking(), visitId, ct);
        var photo = await db.Set<VisitPhoto>().AsNoTracking().Where(p => p.Id == photoId)
            .Select(p => new { p.Content, p.ContentType }).FirstAsync(ct);
        return (photo.Content, photo.ContentType);
    }

    /// <summary>The image type by the file's signature, or null for anything else.</summary>
    public static string? ImageType(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
