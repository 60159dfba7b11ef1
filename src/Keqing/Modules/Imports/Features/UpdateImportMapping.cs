using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>Changes a draft's mapping (the user's corrections on top of the automatic one).</summary>
public sealed class UpdateImportMapping(KeqingDb db)
{
    public async Task<ImportDto> Handle(Importer importer, Guid id, IReadOnlyDictionary<string, string?> corrections, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct, track: true);
        if (job.Status != ImportStatus.Draft) throw new ConflictException(FieldErrors.Text("Only an import that has not started can be changed."));
        job.Mapping = ImportFields.ToJson(ImportEntities.Apply(job.Entity, ImportFields.FromJson(job.Mapping), corrections));
        await db.SaveChangesAsync(ct);
        return ImportJobs.ToDto(job);
    }
}
