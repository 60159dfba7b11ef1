using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Files of a case: uploaded to a case one may work (a size limit, recognised types only, <see cref="AttachmentTypes"/>),
/// then sent with a reply or a note; read back by whoever sees the case. Stored in the database, like an import's upload.
/// </summary>
public sealed class CaseAttachments(KeqingDb db, CaseAccess access, CurrentUser user, IOptions<ServiceOptions> options, TimeProvider time)
{
    public long MaxBytes => (long)options.Value.MaxAttachmentMegabytes << 20;

    public async Task<CaseAttachmentDto> Upload(Guid caseId, Stream file, string? fileName, CancellationToken ct)
    {
        var c = await access.Writable(caseId, ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new ValidationFailedException("file", FieldErrors.Text("A file may be at most {0} MB.", options.Value.MaxAttachmentMegabytes));
            buffer.Write(chunk, 0, read);
        }
        var stored = Store(c.Id, fileName, buffer.ToArray(), user.UserId, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new CaseAttachmentDto(stored.Id, stored.FileName, stored.ContentType, stored.Size, stored.UploadedAt);
    }

    /// <summary>Checks a file and adds it to the unit of work (400 on the field <c>file</c> when refused).</summary>
    public CaseAttachment Store(Guid caseId, string? fileName, byte[] content, Guid? uploadedBy, DateTime at)
    {
        if (content.Length == 0) throw new ValidationFailedException("file", FieldErrors.Text("The file is empty."));
        if (content.Length > MaxBytes)
            throw new ValidationFailedException("file", FieldErrors.Text("A file may be at most {0} MB.", options.Value.MaxAttachmentMegabytes));
        var name = AttachmentTypes.SafeName(fileName);
        var type = AttachmentTypes.Recognise(name, content)
            ?? throw new ValidationFailedException("file", FieldErrors.Text("Attach images (PNG, JPEG, GIF), PDF, Word, Excel or text files whose contents match their type."));
        var attachment = new CaseAttachment
        {
            CaseId = caseId, FileName = name, ContentType = type, Size = content.Length, Content = content, UploadedBy = uploadedBy, UploadedAt = at,
        };
        db.Add(attachment);
        return attachment;
    }

    /// <summary>Files uploaded to this case and not yet sent with a message, tracked.</summary>
    public Task<List<CaseAttachment>> Unsent(Guid caseId, IReadOnlyList<Guid> ids, CancellationToken ct) =>
        db.Set<CaseAttachment>().Where(a => a.CaseId == caseId && a.MessageId == null && ids.Contains(a.Id)).ToListAsync(ct);

    /// <summary>A file of a case the caller may see; 404 otherwise.</summary>
    public async Task<CaseAttachment> Download(Guid attachmentId, CancellationToken ct)
    {
        var file = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct) ?? throw new NotFoundException("attachment");
        await access.Find(file.CaseId, ct);
        return file;
    }
}
