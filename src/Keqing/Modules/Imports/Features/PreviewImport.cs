using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Contracts;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// A draft's first rows as they will be stored, every invalid cell explained, and how many rows are invalid, match
/// existing customers or repeat an earlier row of the file. The duplicate hint is the Customers module's, when it offers one.
/// </summary>
public sealed class PreviewImport(KeqingDb db, ImportStore store, ImportOwners owners, ICustomerBulkWriter writer,
    IEnumerable<IImportDuplicateHint> hints, IOptions<ImportOptions> options)
{
    public async Task<ImportPreview> Handle(Importer importer, Guid id, CancellationToken ct)
    {
        var job = await ImportJobs.FindVisible(db, importer, id, ct);
        var temp = await store.ToTempFile(job.Id, ct);
        try
        {
            var headers = JsonSerializer.Deserialize<List<string>>(job.Headers) ?? [];
            var mapping = ImportFields.FromJson(job.Mapping);
            var ownerRules = await owners.For(job, ct);
            var parser = new RowParser(headers, mapping, ownerRules, options.Value.Limits.MaxCellLength);
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
                            rows.Add(new PreviewRow(rowNo, parsed.Row is null ? Raw(headers, mapping, values) : Stored(parsed.Row, ownerRules), parsed.Errors));
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
            if (hints.FirstOrDefault() is { } hint) likely = (await hint.LikelyDuplicates(valid, ct)).Count;
            var targets = headers.Distinct().Select(h => mapping.GetValueOrDefault(h) is { } f && ImportFields.IsField(f)
                ? new ImportColumnTarget(h, f, ImportFields.TargetOf(f)) : new ImportColumnTarget(h, null, null)).ToList();
            var notImported = targets.Where(t => t.Field is null).Select(t => t.Column).ToList();
            return new ImportPreview(headers, mapping, rows, scanned, complete, invalid, ofExisting, withinFile, likely, problems, targets, notImported);
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

    private static Dictionary<string, string> Stored(CustomerImportRow row, OwnerRules owners)
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
        Put(ImportFields.Owner, owners.NameOf(row.OwnerId)); // the name the row's owner cell or the import's owner choice gave it
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
}
