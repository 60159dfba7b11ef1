using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>The importer's imports, newest first, keyset-paged (an admin sees everyone's).</summary>
public sealed class ListImports(KeqingDb db)
{
    public async Task<Page<ImportDto>> Handle(Importer importer, int? limit, string? after, CancellationToken ct)
    {
        importer.EnsureMayImport();
        var take = Paging.Limit(limit);
        var query = db.Set<ImportJob>().AsNoTracking();
        if (!importer.SeesAll) query = query.Where(j => j.CreatedBy == importer.UserId);
        // Ids are UUIDv7 (OrderedId): descending id is newest first, and the last id seen is the whole cursor.
        if (Paging.Decode<Guid?>(after) is { } last) query = query.Where(j => j.Id.CompareTo(last) < 0);
        var jobs = await query.OrderByDescending(j => j.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(jobs.Select(ImportJobs.ToDto).ToList(), take, j => (Guid?)j.Id);
    }
}
