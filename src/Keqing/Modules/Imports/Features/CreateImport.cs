using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>What an upload asks for, as the API's form fields or the CLI's switches give it.</summary>
public sealed record ImportRequest(
    string? Entity, string? Mapping, string? Mode, string? Source, string? LegalBasis, bool DryRun, string? OwnerId = null, string? OwnerTeamId = null);

/// <summary>
/// Uploads a file: stores it in the database, detects its format, encoding and columns, maps them, and queues the
/// import (or keeps it as a draft to preview). A failed upload leaves nothing behind.
/// </summary>
public sealed class CreateImport(KeqingDb db, ImportStore store, ImportOwners owners, TimeProvider clock, IOptions<ImportOptions> options, ImportSignal signal)
{
    public async Task<ImportCreated> Handle(Importer importer, Stream file, string? fileName, ImportRequest request, CancellationToken ct)
    {
        importer.EnsureMayImport();
        var errors = new FieldErrors();
        var entity = request.Entity ?? ImportEntities.Customers;
        if (!ImportEntities.IsKnown(entity)) errors.Add("entity", FieldErrors.Text("entity is customers, leads, sell-through or products."));
        if (entity == ImportEntities.SellThrough && !importer.Capabilities.Contains(SellThrough.Contracts.SellThroughCapabilities.Report))
            throw new ForbiddenException(FieldErrors.Text("Only those who enter distributors' sales reports can import them."));
        if (entity == ImportEntities.Products && !importer.Capabilities.Contains(Products.Contracts.ProductsCapabilities.Manage))
            throw new ForbiddenException(FieldErrors.Text("Only those who manage products can import them."));
        var personal = ImportEntities.HoldsPersonalData(entity);
        // A legal basis sent with a file without personal data is not recorded: there is nothing it would be the basis for.
        var (mode, source, basis) = ImportSettings.Check(errors, request.Mode, request.Source, personal ? request.LegalBasis : null, required: personal);
        Dictionary<string, string?>? corrections = null;
        if (!string.IsNullOrWhiteSpace(request.Mapping))
        {
            try
            {
                corrections = JsonSerializer.Deserialize<Dictionary<string, string?>>(request.Mapping); // checked against the file's columns below
            }
            catch (JsonException)
            {
                errors.Add("mapping", FieldErrors.Text("The mapping must be a JSON object of column name to field name (or null)."));
            }
        }
        var ownerId = ParseId(errors, "ownerId", request.OwnerId);
        var ownerTeamId = ParseId(errors, "ownerTeamId", request.OwnerTeamId);
        await owners.Check(importer, ownerId, ownerTeamId, errors, ct);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var job = new ImportJob
        {
            FileName = Clip(Path.GetFileName(fileName ?? "upload.csv"), 260), Mode = mode, Source = source ?? "", LegalBasis = basis,
            Entity = entity, Status = ImportStatus.Draft, CreatedBy = importer.UserId, CreatedAt = now, OwnerId = ownerId, OwnerTeamId = ownerTeamId,
            CreatedByRoles = string.Join(',', Roles.All.Where(importer.RoleNames.Contains)),
            Culture = System.Globalization.CultureInfo.CurrentUICulture.Name is { Length: > 0 and <= 10 } c ? c : "zh-CN",
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        StoredFile? stored = null;
        try
        {
            stored = await store.Save(job.Id, file, options.Value.MaxUploadMegabytes << 20, ct);
            if (stored.Size == 0) throw new ImportFileException(FieldErrors.Text("The file is empty."));
            job.FileSize = stored.Size;
            job.FileSha256 = stored.Sha256;
            job.Format = TabularFile.SniffFormat(stored.Head);
            if (job.Format == ImportFormat.Csv)
            {
                job.Encoding = TabularFile.DetectEncoding(stored.Head, stored.ValidUtf8);
                var text = TabularFile.EncodingOf(job.Encoding).GetString(stored.Head);
                job.Delimiter = TabularFile.DetectDelimiter(text.TrimStart('\uFEFF'));
            }
            IReadOnlyList<string> headers;
            using (var table = TabularFile.Open(stored.TempPath, job.Format, job.Encoding, job.Delimiter, options.Value.Limits.For(job.Entity)))
                headers = table.Headers;
            var mapping = ImportEntities.Merge(entity, headers, corrections);
            if (!request.DryRun && !ImportEntities.MapsRequired(entity, mapping))
                throw new ValidationFailedException("mapping", ImportEntities.RequiredMessage(entity));
            job.Headers = JsonSerializer.Serialize(headers);
            job.Mapping = ImportFields.ToJson(mapping);
            job.SameFileAs = await db.Set<ImportJob>().AsNoTracking()
                .Where(j => j.FileSha256 == stored.Sha256 && j.Id != job.Id && j.Status == ImportStatus.Completed)
                .OrderBy(j => j.CreatedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
            job.Status = request.DryRun ? ImportStatus.Draft : ImportStatus.Queued;
            db.Update(job);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            // Whatever stopped the upload (a bad file, a client that went away, the database), no half-stored draft stays.
            db.ChangeTracker.Clear();
            await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            if (e is ImportFileException) throw new ValidationFailedException("file", e.Message);
            throw;
        }
        finally
        {
            ImportStore.Delete(stored?.TempPath);
        }
        if (job.Status == ImportStatus.Queued) signal.Wake();
        return new ImportCreated(job.Id, job.Status);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    private static Guid? ParseId(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Guid.TryParse(text.Trim(), out var id) && id != Guid.Empty) return id;
        errors.Add(field, FieldErrors.Text("Not a valid id."));
        return null;
    }
}
