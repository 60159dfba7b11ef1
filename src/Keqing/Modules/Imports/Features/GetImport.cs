using Keqing.Infrastructure.Data;
using Keqing.Modules.Imports.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>An import's status, progress and counts, for its creator or an admin.</summary>
public sealed class GetImport(KeqingDb db)
{
    public async Task<ImportDto> Handle(Importer importer, Guid id, CancellationToken ct) =>
        ImportJobs.ToDto(await ImportJobs.FindVisible(db, importer, id, ct));
}
