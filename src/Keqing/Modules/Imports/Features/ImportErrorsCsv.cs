using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>The download of an import's rejected rows and of the rows stored but flagged.</summary>
public sealed class ImportErrorsCsv(KeqingDb db)
{
    /// <summary>
    /// The rejected rows and the flagged ones (stored, but a person should look at them) in row order as CSV (UTF-8 with
    /// BOM, for Excel): the original columns and an <c>error</c> column with the reason, ready to fix and upload again; cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
    /// </summary>
    public async Task Write(Importer importer, Guid id, Stream output, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct);
        var headers = JsonSerializer.Deserialize<List<string>>(job.Headers) ?? [];
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(SpreadsheetCells.CsvLine(headers.Append("error")));
        var after = 0;
        while (true)
        {
            var batch = await db.Set<ImportRow>().AsNoTracking()
                .Where(r => r.ImportId == id && (r.Outcome == RowOutcome.Failed || r.Error != null) && r.RowNo > after)
                .OrderBy(r => r.RowNo).Take(1000).ToListAsync(ct);
            foreach (var row in batch)
            {
                var values = JsonSerializer.Deserialize<string[]>(row.Values ?? "[]") ?? [];
                var cells = Enumerable.Range(0, headers.Count).Select(i => i < values.Length ? values[i] : "");
                await writer.WriteLineAsync(SpreadsheetCells.CsvLine(cells.Append(FieldErrors.Text("Row {0}: {1}", row.RowNo, row.Error ?? ""))));
            }
            if (batch.Count < 1000) break;
            after = batch[^1].RowNo;
        }
        if (job.Error is not null) await writer.WriteLineAsync(SpreadsheetCells.CsvLine(headers.Select(_ => "").Append(job.Error)));
    }
}
