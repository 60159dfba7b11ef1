using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>The command line's rerun of a file: an unfinished import of the same file resumes instead of a new one.</summary>
public sealed class ResumeUnfinishedImport(KeqingDb db, TimeProvider clock)
{
    /// <summary>
    /// For the command line: when the same user has an unfinished (queued or interrupted) import of the same file, the new
    /// upload is dropped and that one's id returned, so running the command again resumes it from its checkpoint.
    /// </summary>
    public async Task<Guid> Handle(Importer importer, Guid id, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct);
        var unfinished = await db.Set<ImportJob>().AsNoTracking()
            .Where(j => j.Id != id && j.CreatedBy == job.CreatedBy && j.FileSha256 == job.FileSha256
                        && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .OrderBy(j => j.CreatedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        if (unfinished is not { } older) return id;
        var held = JobLeases.Held(db, ImportRunner.JobName, clock.GetUtcNow().UtcDateTime);
        await db.Set<ImportJob>().Where(j => j.Id == id && !held.Any(l => l.Item == j.Id)).ExecuteDeleteAsync(ct);
        return older;
    }
}
