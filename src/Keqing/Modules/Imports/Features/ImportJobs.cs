using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>What every import use case needs: the job the importer may see (404 otherwise) and its DTO.</summary>
public static class ImportJobs
{
    public static async Task<ImportJob> FindVisible(KeqingDb db, Importer importer, Guid id, CancellationToken ct, bool track = false)
    {
        importer.EnsureMayImport();
        var query = track ? db.Set<ImportJob>() : db.Set<ImportJob>().AsNoTracking();
        var job = await query.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || (job.CreatedBy != importer.UserId && !importer.SeesAll)) throw new NotFoundException("import");
        return job;
    }

    public static ImportDto ToDto(ImportJob j) => new(
        j.Id, j.Entity, j.FileName, j.FileSize, j.Format, j.Encoding, j.Delimiter?.ToString(), j.Mode, j.Source, j.LegalBasis ?? LegalBasis.None, j.Status,
        j.Error, j.Total, j.Processed, j.Inserted, j.Merged, j.Skipped, j.Failed,
        j.Failed > 0 || j.Flagged > 0 || j.Error is not null ? $"/api/imports/{j.Id}/errors" : null, j.SameFileAs,
        JsonSerializer.Deserialize<List<string>>(j.Headers) ?? [], ImportFields.FromJson(j.Mapping),
        j.CreatedBy, j.CreatedAt, j.StartedAt, j.FinishedAt, j.OwnerId, j.OwnerTeamId, j.Flagged, ImportEntities.HoldsPersonalData(j.Entity));
}
