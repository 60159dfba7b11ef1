using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Claims import jobs under a lease (<see cref="JobLeases"/>, renewed while the job runs and inside each batch's
/// transaction) and runs them batch by batch. Each batch — its customers, contacts, lookups, row
/// outcomes, the job's counts and its checkpoint — commits in one transaction, so a run killed at any instant resumes
/// after the last committed row and no row is written twice. A second upload of the same file finds every row's customer
/// by its exact keys and inserts nothing.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, IOptions<ImportOptions> options, ImportSignal signal,
    SaveActivity saves, ILogger<ImportRunner> log)
{
    /// <summary>The PostgreSQL advisory lock key every import batch holds (an arbitrary constant: "keqing-import").</summary>
    private const long ImportBatchLock = 0x6B65_7169_6E67_01;

    /// <summary>The job's name: each import is run under a lease on (this name, the import's id).</summary>
    public const string JobName = "imports.run";

    /// <summary>Runs every queued (or abandoned) job there is; returns how many it ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct, Action<ImportDto>? progress = null)
    {
        var ran = 0;
        while (!ct.IsCancellationRequested && await Claim(null, ct) is { } lease)
        {
            await using (lease) await Run(lease.Item, lease, progress, ct);
            ran++;
        }
        return ran;
    }

    /// <summary>Claims and runs one job (the command line's own import); false when another worker holds it.</summary>
    public async Task<bool> RunOne(Guid id, CancellationToken ct, Action<ImportDto>? progress = null)
    {
        if (await Claim(id, ct) is not { } lease) return false;
        await using (lease) await Run(id, lease, progress, ct);
        return true;
    }

    /// <summary>Takes the lease on the oldest queued (or abandoned) job, or on <paramref name="id"/>, and marks it running.</summary>
    private async Task<HeldLease?> Claim(Guid? id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var held = JobLeases.Held(db, JobName, now);
        var jobs = db.Set<ImportJob>();
        var free = jobs.Where(j => (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running) && !held.Any(l => l.Item == j.Id));
        var candidate = await (id is { } one ? free.Where(j => j.Id == one) : free).OrderBy(j => j.CreatedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        if (candidate is not { } jobId) return null;
        var lease = await leases.TryAcquireAsync(JobName, jobId, TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds)), ct);
        if (lease is null) return null;
        // Cancelled (or finished) between the look and the lease: nothing to run.
        var running = await jobs.Where(j => j.Id == jobId && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.StartedAt, j => j.StartedAt ?? now), ct);
        if (running == 1) return lease;
        await lease.DisposeAsync();
        return null;
    }

    private async Task Run(Guid id, HeldLease lease, Action<ImportDto>? progress, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<KeqingDb>();
        var job = await db.Set<ImportJob>().AsNoTracking().FirstAsync(j => j.Id == id, ct);
        if (job.CancelRequested)
        {
            // Cancelled while its worker was dead (or it was never started): nothing more is written.
            await Finish(db, id, lease, ImportStatus.Cancelled, null, ct);
            signal.Forget(id);
            return;
        }
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(job.Culture);
        var roles = job.CreatedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries);
        // The job acts as the importer: the audit names them, record access is theirs.
        services.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, job.CreatedBy.ToString())), "import"));
        var store = services.GetRequiredService<ImportStore>();
        var suppressions = services.GetRequiredService<ISuppressionList>();
        var limits = options.Value.Limits.For(job.Entity);
        string? temp = null;
        try
        {
            temp = await store.ToTempFile(id, ct);
            if (job.Total == 0) await CountRows(db, job, lease, temp, limits, ct);
            var importer = await services.GetRequiredService<IUserDirectory>().Find(job.CreatedBy, ct);
            // A customers' or leads' job always has its legal basis; none would keep the rows out of marketing.
            var legalBasis = job.LegalBasis ?? LegalBasis.None;
            var settings = new BulkImportSettings(job.Mode, job.Source, legalBasis, job.CreatedBy, importer?.TeamId);
            var owners = await services.GetRequiredService<ImportOwners>().For(job, ct);
            var headers = JsonSerializer.Deserialize<List<string>>(job.Headers) ?? [];
            var mapping = ImportFields.FromJson(job.Mapping);
            var writer = services.GetRequiredService<ICustomerBulkWriter>();
            var isLeads = job.Entity == ImportEntities.Leads;
            // Like a lead import, a distributors' report or a product import writes no customers: none of their follow-ups.
            var isSellThrough = job.Entity is ImportEntities.SellThrough or ImportEntities.Products;
            var rejectedByWrite = new Dictionary<int, string>();
            var flaggedByWrite = new Dictionary<int, string>();
            Func<CancellationToken, Task>? afterLastBatch = null;
            Func<int, string[], ParsedRow> parse;
            Func<IReadOnlyList<ParsedRow>, CancellationToken, Task<IReadOnlyDictionary<int, (RowOutcome Outcome, Guid? CustomerId)>>> write;
            if (job.Entity == ImportEntities.Products)
            {
                var products = services.GetRequiredService<Products.Contracts.IProductImport>();
                parse = new ProductRowParser(headers, mapping, limits.MaxCellLength).Parse;
                write = async (rows, token) =>
                {
                    // An unknown category or a broken product rule is found only now: the row is rejected with the reason.
                    var results = await products.Write([.. rows.Select(r => r.Product!)], token);
                    foreach (var r in results.Where(r => r.Error is not null)) rejectedByWrite[r.RowNo] = r.Error!;
                    return results.ToDictionary(r => r.RowNo, r => (!r.Stored ? RowOutcome.Failed : r.Updated ? RowOutcome.Merged : RowOutcome.Inserted, (Guid?)null));
                };
            }
            else if (isSellThrough)
            {
                var reports = services.GetRequiredService<SellThrough.Contracts.ISellThroughImport>();
                afterLastBatch = reports.Complete;
                parse = new SellThroughRowParser(headers, mapping, limits.MaxCellLength).Parse;
                write = async (rows, token) =>
                {
                    // An unknown distributor or SKU is found only now: the row is rejected with the reason, as a bad cell is.
                    var results = await reports.Write([.. rows.Select(r => r.SellThrough!)], job.CreatedBy, token);
                    foreach (var r in results.Where(r => r.Error is not null)) rejectedByWrite[r.RowNo] = r.Error!;
                    foreach (var r in rows.Select(p => p.SellThrough!).Zip(results).Where(x => x.Second.Stored && !x.Second.Balanced))
                        flaggedByWrite[r.First.RowNo] = NotAddingUp(r.First);
                    return results.ToDictionary(r => r.RowNo, r => (!r.Stored ? RowOutcome.Failed : r.Replaced ? RowOutcome.Merged : RowOutcome.Inserted, (Guid?)null));
                };
            }
            else if (isLeads)
            {
                var leads = services.GetRequiredService<ILeadImport>();
                parse = new LeadRowParser(headers, mapping, owners, leads, job.Source, legalBasis, limits.MaxCellLength).Parse;
                write = async (rows, token) => (await leads.Write([.. rows.Select(r => r.Lead!)], job.CreatedBy, token))
                    .ToDictionary(r => r.RowNo, r => (r.Inserted ? RowOutcome.Inserted : RowOutcome.Skipped, (Guid?)null));
            }
            else
            {
                parse = new RowParser(headers, mapping, owners, limits.MaxCellLength).Parse;
                write = async (rows, token) =>
                {
                    // A row over its owner's customer limit is found only now: rejected naming the limit, the others import.
                    var results = await writer.Write([.. rows.Select(r => r.Row!)], settings, token);
                    foreach (var r in results.Where(r => r.Error is not null)) rejectedByWrite[r.RowNo] = r.Error!;
                    return results.ToDictionary(r => r.RowNo, r => (r.Outcome, (Guid?)r.CustomerId));
                };
            }

            // Reading and validating the next batch overlaps writing this one: the database work is serial (a batch must
            // see the customers the one before it inserted), the parsing need not wait for it.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var batches = Channel.CreateBounded<List<(int RowNo, string[] Values, ParsedRow Parsed)>>(2);
            var isReports = job.Entity == ImportEntities.SellThrough;
            var batchSize = Math.Max(1, isReports ? options.Value.SellThroughBatchSize : options.Value.BatchSize);
            var reader = Task.Run(() => ReadBatches(temp, job, limits, batchSize, parse, batches.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                {
                    rejectedByWrite.Clear();
                    flaggedByWrite.Clear();
                    if (!await Commit(db, write, suppressions, id, lease, batch, ct, rejectedByWrite, flaggedByWrite, recordStoredRows: !isReports)) return;
                    if (!isLeads && !isSellThrough) await writer.AfterBatchCommit(ct);
                    else db.ChangeTracker.Clear(); // a lead batch is written through tracked entities: none is needed again
                    if (db.Database.IsSqlite())
                        await saves.LetWaitingSavesThrough(TimeSpan.FromMilliseconds(options.Value.SqliteYieldMilliseconds), ct);
                    progress?.Invoke(await Dto(db, id, ct));
                    if (signal.CancelRequested(id) || await db.Set<ImportJob>().AnyAsync(j => j.Id == id && j.CancelRequested, ct))
                    {
                        if (!isLeads && !isSellThrough) await writer.AfterBulkWrite(ct);
                        if (afterLastBatch is not null) await afterLastBatch(ct);
                        await Finish(db, id, lease, ImportStatus.Cancelled, null, ct);
                        return;
                    }
                }
            }
            finally
            {
                await stop.CancelAsync();
                try { await reader; } catch (OperationCanceledException) { }
            }
            var fileError = await reader;
            if (afterLastBatch is not null) await afterLastBatch(ct);
            // The follow-ups come before the job says it has ended, so whoever sees it ended sees them done.
            if (!isLeads && !isSellThrough)
            {
                await writer.AfterBulkWrite(ct);
                // Exact keys were matched row by row; similar names and the like are the duplicate scan's, run soon.
                await services.GetRequiredService<IDuplicateScanRequests>().RequestSoon(ct);
            }
            await Finish(db, id, lease, fileError is null ? ImportStatus.Completed : ImportStatus.Failed, fileError, ct);
        }
        catch (ImportFileException e)
        {
            await Finish(db, id, lease, ImportStatus.Failed, e.Message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker (or this one, restarted) resumes from the checkpoint.
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Id} failed", id);
            db.ChangeTracker.Clear();
            await Finish(db, id, lease, ImportStatus.Failed, Infrastructure.Http.FieldErrors.Text("The import stopped on an unexpected error; the rows before it were imported."), CancellationToken.None);
        }
        finally
        {
            ImportStore.Delete(temp);
            signal.Forget(id);
        }
        if (progress is not null) progress(await Dto(db, id, CancellationToken.None));
    }

    /// <summary>
    /// Reads the rows after the checkpoint into batches; returns the file's error that ended the reading, if any. The
    /// channel is completed on every way out (with the exception, if one escapes) so the writer never waits forever.
    /// </summary>
    private static async Task<string?> ReadBatches(string temp, ImportJob job, ImportLimits limits, int batchSize, Func<int, string[], ParsedRow> parse,
        ChannelWriter<List<(int RowNo, string[] Values, ParsedRow Parsed)>> output, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            string? fileError = null;
            var batch = new List<(int RowNo, string[] Values, ParsedRow Parsed)>(batchSize);
            try
            {
                using var table = TabularFile.Open(temp, job.Format, job.Encoding, job.Delimiter, limits);
                foreach (var (rowNo, values) in table.Rows())
                {
                    if (rowNo <= job.CheckpointRow) continue;
                    batch.Add((rowNo, values, parse(rowNo, values)));
                    if (batch.Count < batchSize) continue;
                    await output.WriteAsync(batch, ct);
                    batch = new List<(int RowNo, string[] Values, ParsedRow Parsed)>(batchSize);
                }
            }
            catch (ImportFileException e)
            {
                fileError = e.Message; // the rows before it are imported; the job ends as failed, naming it
            }
            if (batch.Count > 0) await output.WriteAsync(batch, ct);
            return fileError;
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    /// <summary>
    /// The job's total for its progress. A CSV file's lines are counted, not parsed (a quoted cell holding a line break
    /// makes it an overestimate, set right when the job completes): parsing a year's 进销存 file of 12,000,000 rows only
    /// to count them took as long as a tenth of its import. A workbook's rows are counted by reading them.
    /// </summary>
    private static async Task CountRows(KeqingDb db, ImportJob job, HeldLease lease, string temp, ImportLimits limits, CancellationToken ct)
    {
        var total = job.Format == ImportFormat.Csv ? await CsvLineEstimate(temp, ct) : CountRecords(temp, job, limits);
        if (await lease.RenewAsync(db, ct))
            await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Total, total), ct);
    }

    private static int CountRecords(string temp, ImportJob job, ImportLimits limits)
    {
        var total = 0;
        using var table = TabularFile.Open(temp, job.Format, job.Encoding, job.Delimiter, limits);
        try
        {
            // Counting a file of millions of rows can outlast the lease: the lease renews itself meanwhile.
            foreach (var _ in table.Rows()) total++;
        }
        catch (ImportFileException) { } // the run reports it where it happens, after the rows before it
        return total;
    }

    /// <summary>The lines of a CSV file after its header, blank last line excluded: the rows, unless a quoted cell spans lines.</summary>
    internal static async Task<int> CsvLineEstimate(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        byte last = (byte)'\n';
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        if (last != (byte)'\n') lines++; // a last line without its line break
        return (int)Math.Clamp(lines - 1, 0, int.MaxValue);
    }

    /// <summary>
    /// Writes one batch, its outcomes, the counts and the checkpoint in one transaction; false when the lease was lost.
    /// Without <paramref name="recordStoredRows"/> only the rejected rows get a row outcome of their own (for the errors
    /// download): a stored sales report row names no customer, so the job's counts say all its outcome would, and a
    /// year's file of 12,000,000 rows would otherwise write (and check the foreign key of) as many outcome rows as reports.
    /// </summary>
    private async Task<bool> Commit(KeqingDb db,
        Func<IReadOnlyList<ParsedRow>, CancellationToken, Task<IReadOnlyDictionary<int, (RowOutcome Outcome, Guid? CustomerId)>>> write,
        ISuppressionList suppressions, Guid id, HeldLease lease, List<(int RowNo, string[] Values, ParsedRow Parsed)> batch, CancellationToken ct,
        IReadOnlyDictionary<int, string>? rejectedByWrite = null, IReadOnlyDictionary<int, string>? flaggedByWrite = null,
        bool recordStoredRows = true)
    {
        if (batch.Count == 0) return true;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // A batch's lookups take arrays of 2,000 keys. A prepared statement's generic plan, chosen while the table
            // was small, scans it for every key (O(rows × keys)); a plan for the actual arrays costs little per batch.
            // Batches of concurrent imports (a double submit, two nodes) take turns, so each batch's matching sees the
            // customers the other import's batches committed and no row is inserted twice. SQLite's write lock, taken
            // when the transaction begins, does the same.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync(
                    $"SET LOCAL plan_cache_mode = force_custom_plan; SELECT pg_advisory_xact_lock({ImportBatchLock})", ct);
            // No batch starts under a lost lease; renewed in this transaction, the lease cannot be taken before it commits.
            if (!await lease.RenewAsync(db, ct))
            {
                log.LogWarning("Import {Id}: the lease was lost; another worker resumes it", id);
                await transaction.RollbackAsync(ct);
                return false;
            }
            // An erased person (DOMAIN P3) is not brought back by an import: their rows are rejected with the reason.
            var candidates = batch.Where(b => b.Parsed.Valid).ToList();
            var suppressed = await suppressions.Suppressed(candidates.Select(b => b.Parsed.ContactPoints()).ToList(), ct);
            if (suppressed.Count > 0)
            {
                var erased = suppressed.Select(i => candidates[i].RowNo).ToHashSet();
                for (var i = 0; i < batch.Count; i++)
                    if (erased.Contains(batch[i].RowNo))
                        batch[i] = batch[i] with { Parsed = new ParsedRow(batch[i].RowNo, null, [Infrastructure.Http.FieldErrors.Text("This person asked to be erased; their data is not imported again.")]) };
            }
            var results = await write(batch.Where(b => b.Parsed.Valid).Select(b => b.Parsed).ToList(), ct);
            var rows = batch.Select(b => !b.Parsed.Valid || rejectedByWrite?.ContainsKey(b.RowNo) == true
                ? new ImportRow
                {
                    ImportId = id, RowNo = b.RowNo, Outcome = RowOutcome.Failed,
                    Error = Clip(b.Parsed.Valid ? rejectedByWrite![b.RowNo] : string.Join(" ", b.Parsed.Errors), 2000),
                    Values = JsonSerializer.Serialize(b.Values.Select(v => v.Length > 10_000 ? v[..10_000] : v)),
                }
                : flaggedByWrite?.GetValueOrDefault(b.RowNo) is { } flag
                ? new ImportRow
                {
                    // Stored, but a person should look at it: kept with its cells and the reason, for the errors download.
                    ImportId = id, RowNo = b.RowNo, Outcome = results[b.RowNo].Outcome, Error = Clip(flag, 2000),
                    Values = JsonSerializer.Serialize(b.Values.Select(v => v.Length > 10_000 ? v[..10_000] : v)),
                }
                : new ImportRow { ImportId = id, RowNo = b.RowNo, Outcome = results[b.RowNo].Outcome, CustomerId = results[b.RowNo].CustomerId }).ToList();
            // Sell-through reports keep only the rows the errors download reads (rejected and flagged): a stored report row
            // needs no outcome row of its own, and writing 12,000,000 of them was the import's largest cost.
            await BulkInsert.Rows(db, recordStoredRows ? rows : rows.Where(r => r.Outcome == RowOutcome.Failed || r.Error is not null).ToList(), ct);
            int inserted = rows.Count(r => r.Outcome == RowOutcome.Inserted), merged = rows.Count(r => r.Outcome == RowOutcome.Merged),
                skipped = rows.Count(r => r.Outcome == RowOutcome.Skipped), failed = rows.Count(r => r.Outcome == RowOutcome.Failed),
                flagged = rows.Count(r => r.Outcome != RowOutcome.Failed && r.Error is not null);
            var last = batch[^1].RowNo;
            await db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Inserted, j => j.Inserted + inserted).SetProperty(j => j.Merged, j => j.Merged + merged)
                .SetProperty(j => j.Skipped, j => j.Skipped + skipped).SetProperty(j => j.Failed, j => j.Failed + failed).SetProperty(j => j.Flagged, j => j.Flagged + flagged)
                .SetProperty(j => j.Processed, j => j.Processed + batch.Count).SetProperty(j => j.CheckpointRow, last), ct);
            await transaction.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>Ends a job and records one audit entry for it (the rows' own record is the job's row table, see ADR 0030).</summary>
    private async Task Finish(KeqingDb db, Guid id, HeldLease lease, ImportStatus status, string? error, CancellationToken ct)
    {
        if (!await lease.RenewAsync(db, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        // A completed job's total is what it read (the count before it may have been an estimate, see CountRows).
        await db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status).SetProperty(j => j.Error, error == null ? null : Clip(error, 1000))
            .SetProperty(j => j.Total, j => status == ImportStatus.Completed ? j.Processed : j.Total)
            .SetProperty(j => j.FinishedAt, now), ct);
        // The stored upload was kept to resume from; an ended import needs it no more, and it holds every row's personal data.
        await db.Set<ImportChunk>().Where(c => c.ImportId == id).ExecuteDeleteAsync(ct);
        var job = await db.Set<ImportJob>().AsNoTracking().FirstAsync(j => j.Id == id, ct);
        db.Add(new AuditEntry
        {
            EntityType = Infrastructure.Records.RecordTypes.KeyOf<ImportJob>(), EntityId = id, Action = AuditAction.Created, UserId = job.CreatedBy, At = now,
            Changes = JsonSerializer.Serialize(new[]
            {
                new AuditFieldChange("file", null, job.FileName), new AuditFieldChange("source", null, job.Source),
                // A file without personal data has no legal basis to record.
                new AuditFieldChange("legalBasis", null, job.LegalBasis?.ToString()), new AuditFieldChange("mode", null, job.Mode.ToString()),
                new AuditFieldChange("status", null, status.ToString()),
                new AuditFieldChange("inserted", null, job.Inserted.ToString(CultureInfo.InvariantCulture)),
                new AuditFieldChange("merged", null, job.Merged.ToString(CultureInfo.InvariantCulture)),
                new AuditFieldChange("skipped", null, job.Skipped.ToString(CultureInfo.InvariantCulture)),
                new AuditFieldChange("failed", null, job.Failed.ToString(CultureInfo.InvariantCulture)),
                new AuditFieldChange("flagged", null, job.Flagged.ToString(CultureInfo.InvariantCulture)),
            }.Where(c => c.New is not null), JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        log.LogInformation("Import {Id} {Status}: {Inserted} inserted, {Merged} merged, {Skipped} skipped, {Failed} failed, {Flagged} flagged",
            id, status, job.Inserted, job.Merged, job.Skipped, job.Failed, job.Flagged);
    }

    /// <summary>Why a stored 进销存 row is flagged, with its figures, so the person who fixes the file sees the sum.</summary>
    internal static string NotAddingUp(SellThrough.Contracts.SellThroughImportRow r) =>
        Infrastructure.Http.FieldErrors.Text("Stored, but flagged: opening {0} + purchases {1} − sales {2} = {3}, not the closing stock {4}.",
            r.Opening, r.Purchases, r.Sales, r.Opening + r.Purchases - r.Sales, r.Closing);

    private static async Task<ImportDto> Dto(KeqingDb db, Guid id, CancellationToken ct) =>
        ImportJobs.ToDto(await db.Set<ImportJob>().AsNoTracking().FirstAsync(j => j.Id == id, ct));

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
