using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>Cancels an import: one not yet running stops at once, a running one after its current batch (what is committed stays).</summary>
public sealed class CancelImport(KeqingDb db, ImportSignal signal, TimeProvider clock)
{
    public async Task<ImportDto> Handle(Importer importer, Guid id, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct);
        if (job.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled)
            throw new ConflictException(FieldErrors.Text("This import has already finished."));
        if (job.Status == ImportStatus.Running) signal.RequestCancel(id); // a queued one is cancelled below, in the database
        var now = clock.GetUtcNow().UtcDateTime;
        var held = JobLeases.Held(db, ImportRunner.JobName, now);
        await db.Set<ImportJob>().Where(j => j.Id == id && (j.Status == ImportStatus.Draft || j.Status == ImportStatus.Queued) && !held.Any(l => l.Item == j.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Cancelled).SetProperty(j => j.FinishedAt, now), ct);
        await db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        return ImportJobs.ToDto(await ImportJobs.FindVisible(db, importer, id, ct));
    }
}
