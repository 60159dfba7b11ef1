using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>Starts a draft (a previewed upload) without uploading it again.</summary>
public sealed class StartImport(KeqingDb db, ImportSignal signal)
{
    public async Task<ImportDto> Handle(Importer importer, Guid id, StartImportRequest request, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct, track: true);
        if (job.Status != ImportStatus.Draft) throw new ConflictException(FieldErrors.Text("This import has already started."));
        var errors = new FieldErrors();
        var (mode, source, basis) = ImportSettings.Check(errors, request.Mode?.ToString(), request.Source ?? job.Source,
            request.LegalBasis?.ToString() ?? job.LegalBasis.ToString(), required: true);
        errors.ThrowIfAny();
        if (request.Mapping is not null) job.Mapping = ImportFields.ToJson(ImportFields.Apply(ImportFields.FromJson(job.Mapping), request.Mapping));
        if (!ImportFields.FromJson(job.Mapping).ContainsValue(ImportFields.Name))
            throw new ValidationFailedException("mapping", FieldErrors.Text("Map a column to the customer name."));
        if (request.Mode is not null) job.Mode = mode;
        job.Source = source!;
        job.LegalBasis = basis!.Value;
        job.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return ImportJobs.ToDto(job);
    }
}
