using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>Starts a draft (a previewed upload) without uploading it again.</summary>
public sealed class StartImport(KeqingDb db, ImportOwners owners, ImportSignal signal)
{
    public async Task<ImportDto> Handle(Importer importer, Guid id, StartImportRequest request, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct, track: true);
        if (job.Status != ImportStatus.Draft) throw new ConflictException(FieldErrors.Text("This import has already started."));
        var errors = new FieldErrors();
        var personal = ImportEntities.HoldsPersonalData(job.Entity);
        var (mode, source, basis) = ImportSettings.Check(errors, request.Mode?.ToString(), request.Source ?? job.Source,
            personal ? request.LegalBasis?.ToString() ?? job.LegalBasis?.ToString() : null, required: personal);
        if (request.OwnerId is not null || request.OwnerTeamId is not null)
        {
            // The empty id means "the importer"; otherwise the new choice replaces the draft's.
            var (ownerId, teamId) = (request.OwnerId is { } o && o != Guid.Empty ? o : (Guid?)null, request.OwnerTeamId is { } t && t != Guid.Empty ? t : (Guid?)null);
            await owners.Check(importer, ownerId, teamId, errors, ct);
            (job.OwnerId, job.OwnerTeamId) = (ownerId, teamId);
        }
        errors.ThrowIfAny();
        if (request.Mapping is not null) job.Mapping = ImportFields.ToJson(ImportEntities.Apply(job.Entity, ImportFields.FromJson(job.Mapping), request.Mapping));
        if (!ImportEntities.MapsRequired(job.Entity, ImportFields.FromJson(job.Mapping)))
            throw new ValidationFailedException("mapping", ImportEntities.RequiredMessage(job.Entity));
        if (request.Mode is not null) job.Mode = mode;
        job.Source = source ?? "";
        job.LegalBasis = basis;
        job.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return ImportJobs.ToDto(job);
    }
}
