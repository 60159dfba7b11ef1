using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// A draft's first rows as they will be stored, every invalid cell explained, and how many rows are invalid, match
/// existing customers or repeat an earlier row of the file. The duplicate hint is the Customers module's, when it offers one.
/// Products and 进销存 rows are also checked as the import will check them (unknown category; unknown distributor or SKU,
/// a month not yet reportable), so the preview shows the same errors the import will give.
/// </summary>
public sealed class PreviewImport(KeqingDb db, ImportStore store, ImportOwners owners, ICustomerBulkWriter writer,
    IEnumerable<IImportDuplicateHint> hints, ILeadImport leads, IProductImport products, ISellThroughImport reports, ImportLimitWarnings limitWarnings,
    IOptions<ImportOptions> options)
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
            var isLeads = job.Entity == ImportEntities.Leads;
            Func<int, string[], ParsedRow> parse = job.Entity == ImportEntities.Products
                ? new ProductRowParser(headers, mapping, options.Value.Limits.MaxCellLength).Parse
                : job.Entity == ImportEntities.SellThrough
                ? new SellThroughRowParser(headers, mapping, options.Value.Limits.MaxCellLength).Parse
                : isLeads
                ? new LeadRowParser(headers, mapping, ownerRules, leads, job.Source, job.LegalBasis ?? LegalBasis.None, options.Value.Limits.MaxCellLength).Parse
                : new RowParser(headers, mapping, ownerRules, options.Value.Limits.MaxCellLength).Parse;
            var problems = new List<string>();
            if (!ImportEntities.MapsRequired(job.Entity, mapping)) problems.Add(ImportEntities.RequiredMessage(job.Entity));
            var rows = new List<PreviewRow>();
            var valid = new List<CustomerImportRow>();
            var validLeads = new List<LeadImportRow>();
            var validProducts = new List<ProductImportRow>();
            var validReports = new List<SellThroughImportRow>();
            var seen = new Dictionary<string, string?>(StringComparer.Ordinal); // key → the external id of the first row with it
            var repeats = new HashSet<int>(); // customer rows that merge into an earlier row of the file
            int scanned = 0, invalid = 0, withinFile = 0;
            var complete = true;
            using (var table = TabularFile.Open(temp, job.Format, job.Encoding, job.Delimiter, options.Value.Limits.For(job.Entity)))
            {
                try
                {
                    foreach (var (rowNo, values) in table.Rows())
                    {
                        if (scanned >= options.Value.PreviewScanRows) { complete = false; break; }
                        scanned++;
                        var parsed = parse(rowNo, values);
                        if (!parsed.Valid) invalid++;
                        else if (parsed.SellThrough is { } report) validReports.Add(report);
                        else if (parsed.Product is { } product) validProducts.Add(product);
                        else if (parsed.Lead is { } lead)
                        {
                            // A lead repeats an earlier row when it shares a phone or an email with it.
                            var keys = LeadKeys(lead.Input).ToList();
                            if (keys.Any(seen.ContainsKey)) withinFile++;
                            foreach (var key in keys) seen.TryAdd(key, null);
                            validLeads.Add(lead);
                        }
                        else
                        {
                            var row = parsed.Row!;
                            var keys = CustomerImportKeys.Keys(row).ToList();
                            var external = row.ExternalId;
                            if (keys.Any(k => seen.TryGetValue(k, out var other) && CustomerImportKeys.SameSourceRecord(external, other)))
                            {
                                withinFile++;
                                repeats.Add(rowNo);
                            }
                            foreach (var key in keys) seen.TryAdd(key, external);
                            valid.Add(row);
                        }
                        if (rows.Count < options.Value.PreviewRows)
                            rows.Add(new PreviewRow(rowNo, parsed.SellThrough is not null || parsed.Product is not null ? Raw(headers, mapping, values)
                                : parsed.Lead is { } l ? Stored(l.Input, ownerRules)
                                : parsed.Row is null ? Raw(headers, mapping, values) : Stored(parsed.Row, ownerRules), parsed.Errors));
                    }
                }
                catch (ImportFileException e)
                {
                    problems.Add(e.Message);
                }
            }
            // Whether the distributor, SKU or category exists is the other module's to say, for the rows that passed the parser.
            var rejected = new Dictionary<int, string>();
            foreach (var chunk in validProducts.Chunk(1000))
                foreach (var (rowNo, error) in await products.Check(chunk, ct)) rejected[rowNo] = error;
            foreach (var chunk in validReports.Chunk(1000))
                foreach (var (rowNo, error) in await reports.Check(chunk, ct)) rejected[rowNo] = error;
            invalid += rejected.Count;
            for (var i = 0; i < rows.Count; i++)
                if (rejected.TryGetValue(rows[i].RowNo, out var error)) rows[i] = rows[i] with { Errors = [.. rows[i].Errors, error] };
            var ofExisting = 0;
            var existingRows = new HashSet<int>();
            foreach (var chunk in valid.Chunk(1000)) existingRows.UnionWith((await writer.FindExisting(chunk, ct)).Keys);
            ofExisting += existingRows.Count;
            // The new customers' owners (the importer when a row names none), against their customer limits.
            var limitWarningList = await limitWarnings.For(valid.Where(r => !existingRows.Contains(r.RowNo) && !repeats.Contains(r.RowNo))
                .Select(r => r.OwnerId ?? job.CreatedBy), ct);
            foreach (var chunk in validLeads.Chunk(1000)) ofExisting += (await leads.FindExisting(chunk, ct)).Count;
            int? likely = null;
            if (!isLeads && hints.FirstOrDefault() is { } hint) likely = (await hint.LikelyDuplicates(valid, ct)).Count;
            var targets = headers.Distinct().Select(h => mapping.GetValueOrDefault(h) is { } f && ImportEntities.IsField(job.Entity, f)
                ? new ImportColumnTarget(h, f, ImportEntities.TargetOf(job.Entity, f)) : new ImportColumnTarget(h, null, null)).ToList();
            var notImported = targets.Where(t => t.Field is null).Select(t => t.Column).ToList();
            return new ImportPreview(headers, mapping, rows, scanned, complete, invalid, ofExisting, withinFile, likely, problems, targets, notImported,
                limitWarningList);
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
        Put(ImportFields.Latitude, row.Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(ImportFields.Longitude, row.Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    private static Dictionary<string, string> Stored(LeadInput lead, OwnerRules owners)
    {
        var values = new Dictionary<string, string>();
        void Put(string field, string? value) { if (!string.IsNullOrEmpty(value)) values[field] = value; }
        Put(LeadImportFields.Name, lead.Name);
        Put(LeadImportFields.Company, lead.Company);
        Put(LeadImportFields.Title, lead.Title);
        Put(LeadImportFields.Phones, string.Join("; ", lead.Phones ?? []));
        Put(LeadImportFields.Emails, string.Join("; ", lead.Emails ?? []));
        Put(LeadImportFields.Province, lead.Province);
        Put(LeadImportFields.City, lead.City);
        Put(LeadImportFields.Industry, lead.Industry);
        if (lead.CompanySize != CompanySize.Unknown) Put(LeadImportFields.CompanySize, lead.CompanySize.ToString().ToLowerInvariant());
        Put(LeadImportFields.CreditCode, lead.CreditCode);
        Put(LeadImportFields.SourceDetail, lead.SourceDetail);
        Put(LeadImportFields.Notes, lead.Notes);
        Put(LeadImportFields.Owner, owners.NameOf(lead.OwnerId));
        return values;
    }

    private static IEnumerable<string> LeadKeys(LeadInput lead) =>
        (lead.Phones ?? []).Select(ContactPoints.NormalizePhone).OfType<string>().Select(v => "p:" + v)
            .Concat((lead.Emails ?? []).Select(ContactPoints.NormalizeEmail).OfType<string>().Select(v => "e:" + v));

    private static Dictionary<string, string> Raw(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping, string[] values)
    {
        var result = new Dictionary<string, string>();
        for (var i = 0; i < headers.Count && i < values.Length; i++)
            if (mapping.GetValueOrDefault(headers[i]) is { } field && values[i].Length > 0)
                result[field] = values[i].Length > 200 ? values[i][..200] + "…" : values[i];
        return result;
    }
}
