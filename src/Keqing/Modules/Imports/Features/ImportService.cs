using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>What an upload asks for, as the API's form fields or the CLI's switches give it.</summary>
public sealed record ImportRequest(
    string? Entity, string? Mapping, string? Mode, string? Source, string? LegalBasis, bool DryRun);

/// <summary>
/// Uploads, previews, starts, cancels and reports imports. Admins, sales managers and marketers import (a trade show's
/// cards, a CRM move); each sees their own imports, an admin sees all. The rows themselves are written by
/// <see cref="ImportRunner"/> in the background.
/// </summary>
public sealed class ImportService(KeqingDb db, CurrentUser currentUser, ImportStore store, TimeProvider clock,
    IOptions<ImportOptions> options, ImportSignal signal, ICustomerBulkWriter writer, IServiceProvider services)
{
    /// <summary>The roles that may import.</summary>
    public static readonly IReadOnlyList<string> ImportRoles = [Roles.Admin, Roles.SalesManager, Roles.Marketer];

    public bool MayImport => ImportRoles.Any(currentUser.IsInRole);

    public async Task<ImportCreated> Create(Stream file, string? fileName, ImportRequest request, CancellationToken ct)
    {
        EnsureMayImport();
        var errors = new FieldErrors();
        if (request.Entity is not null && request.Entity != "customers")
            errors.Add("entity", FieldErrors.Text("Only customers can be imported."));
        var (mode, source, basis) = CheckSettings(errors, request.Mode, request.Source, request.LegalBasis, required: true);
        Dictionary<string, string?>? corrections = null;
        if (!string.IsNullOrWhiteSpace(request.Mapping))
        {
            try
            {
                corrections = JsonSerializer.Deserialize<Dictionary<string, string?>>(request.Mapping); // checked against the file's columns below
            }
            catch (JsonException)
            {
                errors.Add("mapping", FieldErrors.Text("The mapping must be a JSON object of column name to field name (or null)."));
            }
        }
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var job = new ImportJob
        {
            FileName = Clip(Path.GetFileName(fileName ?? "upload.csv"), 260), Mode = mode, Source = source!, LegalBasis = basis!.Value,
            Status = ImportStatus.Draft, CreatedBy = currentUser.UserId, CreatedAt = now,
            CreatedByRoles = string.Join(',', Roles.All.Where(currentUser.IsInRole)),
            Culture = System.Globalization.CultureInfo.CurrentUICulture.Name is { Length: > 0 and <= 10 } c ? c : "zh-CN",
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        StoredFile? stored = null;
        try
        {
            stored = await store.Save(job.Id, file, options.Value.MaxUploadMegabytes << 20, ct);
            if (stored.Size == 0) throw new ImportFileException(FieldErrors.Text("The file is empty."));
            job.FileSize = stored.Size;
            job.FileSha256 = stored.Sha256;
            job.Format = TabularFile.SniffFormat(stored.Head);
            if (job.Format == ImportFormat.Csv)
            {
                job.Encoding = TabularFile.DetectEncoding(stored.Head, stored.ValidUtf8);
                var text = TabularFile.EncodingOf(job.Encoding).GetString(stored.Head);
                job.Delimiter = TabularFile.DetectDelimiter(text.TrimStart('\uFEFF'));
            }
            IReadOnlyList<string> headers;
            using (var table = TabularFile.Open(stored.TempPath, job.Format, job.Encoding, job.Delimiter, options.Value.Limits))
                headers = table.Headers;
            var mapping = ImportFields.Merge(headers, corrections);
            if (!request.DryRun && !mapping.Values.Contains(ImportFields.Name))
                throw new ValidationFailedException("mapping", FieldErrors.Text("Map a column to the customer name."));
            job.Headers = JsonSerializer.Serialize(headers);
            job.Mapping = ImportFields.ToJson(mapping);
            job.SameFileAs = await db.Set<ImportJob>().AsNoTracking()
                .Where(j => j.FileSha256 == stored.Sha256 && j.Id != job.Id && j.Status == ImportStatus.Completed)
                .OrderBy(j => j.CreatedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
            job.Status = request.DryRun ? ImportStatus.Draft : ImportStatus.Queued;
            db.Update(job);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            // Whatever stopped the upload (a bad file, a client that went away, the database), no half-stored draft stays.
            db.ChangeTracker.Clear();
            await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            if (e is ImportFileException) throw new ValidationFailedException("file", e.Message);
            throw;
        }
        finally
        {
            ImportStore.Delete(stored?.TempPath);
        }
        if (job.Status == ImportStatus.Queued) signal.Wake();
        return new ImportCreated(job.Id, job.Status);
    }

    private static (MergeMode Mode, string? Source, LegalBasis? Basis) CheckSettings(FieldErrors errors, string? modeText,
        string? source, string? basisText, bool required)
    {
        // By name only: Enum.TryParse would also take "2" or "skip,overwrite" (= overwrite).
        var mode = MergeMode.Skip;
        if (!string.IsNullOrWhiteSpace(modeText))
        {
            var named = Enum.GetValues<MergeMode>().Where(m => string.Equals(m.ToString(), modeText.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1) mode = named[0];
            else errors.Add("mode", FieldErrors.Text("The mode is skip, fillEmpty or overwrite."));
        }
        if (required) errors.Required("source", source);
        errors.MaxLength("source", source?.Trim(), 100);
        LegalBasis? basis = null;
        if (string.IsNullOrWhiteSpace(basisText))
        {
            if (required) errors.Add("legalBasis", FieldErrors.Text("State the legal basis for holding this data (none if there is none)."));
        }
        else if (Enum.TryParse<LegalBasis>(basisText.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                 && !int.TryParse(basisText, out _)) basis = parsed;
        else errors.Add("legalBasis", FieldErrors.Text("Unknown legal basis."));
        return (mode, source?.Trim(), basis);
    }

    /// <summary>
    /// For the command line: when the same user has an unfinished (queued or interrupted) import of the same file, the new
    /// upload is dropped and that one's id returned, so running the command again resumes it from its checkpoint.
    /// </summary>
    public async Task<Guid> ResumeInsteadOf(Guid id, CancellationToken ct)
    {
        var job = await FindVisible(id, ct);
        var unfinished = await db.Set<ImportJob>().AsNoTracking()
            .Where(j => j.Id != id && j.CreatedBy == job.CreatedBy && j.FileSha256 == job.FileSha256
                        && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .OrderBy(j => j.CreatedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        if (unfinished is not { } older) return id;
        await db.Set<ImportJob>().Where(j => j.Id == id && j.LeaseOwner == null).ExecuteDeleteAsync(ct);
        return older;
    }

    /// <summary>
    /// Keeps an upload's personal data no longer than it serves (DOMAIN P3, data minimisation): drafts (previewed, never
    /// started) older than <see cref="ImportOptions.DraftDays"/> go with their stored file; an ended import's stored file
    /// goes (the run deletes it as it ends; this catches cancelled ones); the original cells of rejected rows go
    /// <see cref="ImportOptions.RejectedRowsDays"/> after the import ended, leaving row numbers and errors.
    /// </summary>
    public async Task<(int Drafts, int Files, int RejectedRows)> Housekeeping(CancellationToken ct)
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

    public async Task<ImportDto> Get(Guid id, CancellationToken ct) => ToDto(await FindVisible(id, ct));

    public async Task<IReadOnlyList<ImportDto>> List(int limit, CancellationToken ct)
    {
        EnsureMayImport();
        var query = db.Set<ImportJob>().AsNoTracking();
        if (!currentUser.IsInRole(Roles.Admin)) query = query.Where(j => j.CreatedBy == currentUser.UserId);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        return jobs.Select(ToDto).ToList();
    }

    /// <summary>Changes a draft's mapping (the user's corrections on top of the automatic one).</summary>
    public async Task<ImportDto> SetMapping(Guid id, IReadOnlyDictionary<string, string?> corrections, CancellationToken ct)
    {
        var job = await FindVisible(id, ct, track: true);
        if (job.Status != ImportStatus.Draft) throw new ConflictException(FieldErrors.Text("Only an import that has not started can be changed."));
        job.Mapping = ImportFields.ToJson(ImportFields.Apply(ImportFields.FromJson(job.Mapping), corrections));
        await db.SaveChangesAsync(ct);
        return ToDto(job);
    }

    /// <summary>Starts a draft (a previewed upload) without uploading it again.</summary>
    public async Task<ImportDto> Start(Guid id, StartImportRequest request, CancellationToken ct)
    {
        var job = await FindVisible(id, ct, track: true);
        if (job.Status != ImportStatus.Draft) throw new ConflictException(FieldErrors.Text("This import has already started."));
        var errors = new FieldErrors();
        var (mode, source, basis) = CheckSettings(errors, request.Mode?.ToString(), request.Source ?? job.Source,
            request.LegalBasis?.ToString() ?? job.LegalBasis.ToString(), required: true);
        errors.ThrowIfAny();
        if (request.Mapping is not null) job.Mapping = ImportFields.ToJson(ImportFields.Apply(ImportFields.FromJson(job.Mapping), request.Mapping));
        if (!ImportFields.FromJson(job.Mapping).Values.Contains(ImportFields.Name))
            throw new ValidationFailedException("mapping", FieldErrors.Text("Map a column to the customer name."));
        if (request.Mode is not null) job.Mode = mode;
        job.Source = source!;
        job.LegalBasis = basis!.Value;
        job.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return ToDto(job);
    }

    /// <summary>Cancels an import: one not yet running stops at once, a running one after its current batch (what is committed stays).</summary>
    public async Task<ImportDto> Cancel(Guid id, CancellationToken ct)
    {
        var job = await FindVisible(id, ct);
        if (job.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled)
            throw new ConflictException(FieldErrors.Text("This import has already finished."));
        if (job.Status == ImportStatus.Running) signal.RequestCancel(id); // a queued one is cancelled below, in the database
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<ImportJob>().Where(j => j.Id == id && (j.Status == ImportStatus.Draft || j.Status == ImportStatus.Queued) && j.LeaseOwner == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Cancelled).SetProperty(j => j.FinishedAt, now), ct);
        await db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        return await Get(id, ct);
    }

    public async Task<ImportPreview> Preview(Guid id, CancellationToken ct)
    {
        var job = await FindVisible(id, ct);
        var temp = await store.ToTempFile(job.Id, ct);
        try
        {
            var headers = JsonSerializer.Deserialize<List<string>>(job.Headers) ?? [];
            var mapping = ImportFields.FromJson(job.Mapping);
            var parser = new RowParser(headers, mapping, await Owners(job, ct), options.Value.Limits.MaxCellLength);
            var problems = new List<string>();
            if (!parser.MapsName) problems.Add(FieldErrors.Text("Map a column to the customer name."));
            var rows = new List<PreviewRow>();
            var valid = new List<CustomerImportRow>();
            var seen = new Dictionary<string, string?>(StringComparer.Ordinal); // key → the external id of the first row with it
            int scanned = 0, invalid = 0, withinFile = 0;
            var complete = true;
            using (var table = TabularFile.Open(temp, job.Format, job.Encoding, job.Delimiter, options.Value.Limits))
            {
                try
                {
                    foreach (var (rowNo, values) in table.Rows())
                    {
                        if (scanned >= options.Value.PreviewScanRows) { complete = false; break; }
                        scanned++;
                        var parsed = parser.Parse(rowNo, values);
                        if (parsed.Row is null) invalid++;
                        else
                        {
                            var keys = CustomerImportKeys.Keys(parsed.Row).ToList();
                            var external = parsed.Row.ExternalId;
                            if (keys.Any(k => seen.TryGetValue(k, out var other) && CustomerImportKeys.SameSourceRecord(external, other))) withinFile++;
                            foreach (var key in keys) seen.TryAdd(key, external);
                            valid.Add(parsed.Row);
                        }
                        if (rows.Count < options.Value.PreviewRows)
                            rows.Add(new PreviewRow(rowNo, parsed.Row is null ? Raw(headers, mapping, values) : Stored(parsed.Row), parsed.Errors));
                    }
                }
                catch (ImportFileException e)
                {
                    problems.Add(e.Message);
                }
            }
            var ofExisting = 0;
            foreach (var chunk in valid.Chunk(1000)) ofExisting += (await writer.FindExisting(chunk, ct)).Count;
            int? likely = null;
            if (services.GetService<IImportDuplicateHint>() is { } hint) likely = (await hint.LikelyDuplicates(valid, ct)).Count;
            return new ImportPreview(headers, mapping, rows, scanned, complete, invalid, ofExisting, withinFile, likely, problems);
        }
        catch (ImportFileException e)
        {
            throw new ValidationFailedException("file", e.Message);
        }
        finally
        {
            ImportStore.Delete(temp);
        }
    }

    /// <summary>The users an import's owner column may name, by lower-case email: anyone for an admin, a manager's team members, else only the importer.</summary>
    internal async Task<IReadOnlyDictionary<string, AssignableOwner>> Owners(ImportJob job, CancellationToken ct)
    {
        var users = await services.GetRequiredService<IUserDirectory>().Active(ct);
        var roles = job.CreatedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<UserSummary> allowed;
        if (roles.Contains(Roles.Admin)) allowed = users;
        else
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, job.CreatedBy.ToString())), "import"));
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = principal;
            var access = await scope.ServiceProvider.GetRequiredService<IRecordAccess>().ScopeAsync(ct);
            allowed = users.Where(u => u.Id == job.CreatedBy || (u.TeamId is { } t && access.ManagedTeamIds.Contains(t)));
        }
        return allowed.Where(u => u.Email.Length > 0).GroupBy(u => u.Email.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => new AssignableOwner(g.First().Id, g.First().TeamId));
    }

    private static Dictionary<string, string> Stored(CustomerImportRow row)
    {
        var values = new Dictionary<string, string> { [ImportFields.Name] = row.Name, [ImportFields.Kind] = row.Kind.ToString().ToLowerInvariant() };
        void Put(string field, string? value) { if (!string.IsNullOrEmpty(value)) values[field] = value; }
        void PutList(string field, IReadOnlyList<string> list) { if (list.Count > 0) values[field] = string.Join("; ", list); }
        Put(ImportFields.ExternalId, row.ExternalId);
        PutList(ImportFields.Aliases, row.Aliases);
        Put(ImportFields.Industry, row.Industry);
        Put(ImportFields.Province, row.Province);
        Put(ImportFields.City, row.City);
        Put(ImportFields.Address, row.Address);
        PutList(ImportFields.Phones, row.Phones);
        PutList(ImportFields.Emails, row.Emails);
        Put(ImportFields.Website, row.Website);
        Put(ImportFields.CreditCode, row.CreditCode);
        Put(ImportFields.LegalRepresentative, row.LegalRepresentative);
        PutList(ImportFields.Tags, row.Tags);
        Put(ImportFields.Grade, row.Grade?.ToString());
        Put(ImportFields.ContactName, row.Contact?.Name);
        Put(ImportFields.ContactTitle, row.Contact?.Title);
        Put(ImportFields.ContactPhone, row.Contact?.Phone);
        Put(ImportFields.ContactEmail, row.Contact?.Email);
        return values;
    }

    private static Dictionary<string, string> Raw(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping, string[] values)
    {
        var result = new Dictionary<string, string>();
        for (var i = 0; i < headers.Count && i < values.Length; i++)
            if (mapping.GetValueOrDefault(headers[i]) is { } field && values[i].Length > 0)
                result[field] = values[i].Length > 200 ? values[i][..200] + "…" : values[i];
        return result;
    }

    /// <summary>
    /// The rejected rows as CSV (UTF-8 with BOM, for Excel): the original columns and an <c>error</c> column, ready to fix
    /// and upload again; cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
    /// </summary>
    public async Task WriteErrorsCsv(Guid id, Stream output, CancellationToken ct)
    {
        var job = await FindVisible(id, ct);
        var headers = JsonSerializer.Deserialize<List<string>>(job.Headers) ?? [];
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(SpreadsheetCells.CsvLine(headers.Append("error")));
        var after = 0;
        while (true)
        {
            var batch = await db.Set<ImportRow>().AsNoTracking()
                .Where(r => r.ImportId == id && r.Outcome == RowOutcome.Failed && r.RowNo > after)
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

    private async Task<ImportJob> FindVisible(Guid id, CancellationToken ct, bool track = false)
    {
        EnsureMayImport();
        var query = track ? db.Set<ImportJob>() : db.Set<ImportJob>().AsNoTracking();
        var job = await query.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || (job.CreatedBy != currentUser.UserId && !currentUser.IsInRole(Roles.Admin))) throw new NotFoundException("import");
        return job;
    }

    private void EnsureMayImport()
    {
        if (!MayImport) throw new ForbiddenException(FieldErrors.Text("Only admins, sales managers and marketers can import."));
    }

    public static ImportDto ToDto(ImportJob j) => new(
        j.Id, j.Entity, j.FileName, j.FileSize, j.Format, j.Encoding, j.Delimiter?.ToString(), j.Mode, j.Source, j.LegalBasis, j.Status,
        j.Error, j.Total, j.Processed, j.Inserted, j.Merged, j.Skipped, j.Failed,
        j.Failed > 0 || j.Error is not null ? $"/api/imports/{j.Id}/errors" : null, j.SameFileAs,
        JsonSerializer.Deserialize<List<string>>(j.Headers) ?? [], ImportFields.FromJson(j.Mapping),
        j.CreatedBy, j.CreatedAt, j.StartedAt, j.FinishedAt);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Wakes the import worker when a job is queued, so it need not wait for its next poll.</summary>
public sealed class ImportSignal
{
    private readonly SemaphoreSlim semaphore = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> cancelled = new();

    /// <summary>
    /// A cancel asked on this node, seen by its runner before the flag reaches the database: on SQLite the flag's
    /// write can wait behind the import's own batches for their whole run.
    /// </summary>
    public void RequestCancel(Guid id) => cancelled[id] = true;

    public bool CancelRequested(Guid id) => cancelled.ContainsKey(id);

    public void Forget(Guid id) => cancelled.TryRemove(id, out _);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0) semaphore.Release();
    }

    public Task<bool> Wait(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
