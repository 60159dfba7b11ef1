using Keqing.Infrastructure.Data;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>Removes what imports no longer need (run hourly by the import worker).</summary>
public sealed class ImportHousekeeping(KeqingDb db, TimeProvider clock, IOptions<ImportOptions> options)
{
    /// <summary>
    /// Keeps an upload's personal data no longer than it serves (DOMAIN P3, data minimisation): drafts (previewed, never
    /// started) older than <see cref="ImportOptions.DraftDays"/> go with their stored file; an ended import's stored file
    /// goes (the run deletes it as it ends; this catches cancelled ones); the original cells of rejected rows go
    /// <see cref="ImportOptions.RejectedRowsDays"/> after the import ended, leaving row numbers and errors.
    /// </summary>
    public async Task<(int Drafts, int Files, int RejectedRows)> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draftsBefore = now.AddDays(-options.Value.DraftDays);
        var drafts = await db.Set<ImportJob>().Where(j => j.Status == ImportStatus.Draft && j.CreatedAt < draftsBefore).ExecuteDeleteAsync(ct);
        var ended = db.Set<ImportJob>().Where(j => j.Status == ImportStatus.Completed || j.Status == ImportStatus.Failed || j.Status == ImportStatus.Cancelled);
        var files = await db.Set<ImportChunk>().Where(c => ended.Any(j => j.Id == c.ImportId)).ExecuteDeleteAsync(ct);
        // Job by job, through the rows' primary key (import, row number); a cleared job is marked and not read again.
        var valuesBefore = now.AddDays(-options.Value.RejectedRowsDays);
        var due = await ended.Where(j => j.FinishedAt < valuesBefore && j.RejectedCellsClearedAt == null)
            .OrderBy(j => j.FinishedAt).Select(j => j.Id).Take(100).ToListAsync(ct);
        var rows = 0;
        foreach (var id in due)
        {
            rows += await db.Set<ImportRow>().Where(r => r.ImportId == id && r.Values != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Values, (string?)null), ct);
            await db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.RejectedCellsClearedAt, now), ct);
        }
        return (drafts, files, rows);
    }
}
