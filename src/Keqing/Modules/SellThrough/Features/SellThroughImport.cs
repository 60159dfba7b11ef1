using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The import pipeline's way into the sales database (<see cref="ISellThroughImport"/>): the distributor by its exact name
/// among the customers the importer may see, the product by SKU, the month up to the current one; the rest through the
/// one upsert (<see cref="SellThroughUpsert"/>), in the pipeline's batch transaction.
/// One instance serves one job (scoped: the runner's scope is the job's) and keeps every distributor and SKU it found: a
/// year's file of 12,000,000 rows names a few thousand of each, so each is looked up once per job, not once per batch.
/// A name or SKU not found is looked up again in each batch that names it (it may have been created meanwhile).
/// </summary>
public sealed class SellThroughImport(SellThroughKeys keys, SellThroughUpsert upsert) : ISellThroughImport
{
    private readonly Dictionary<string, Guid?> distributorsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductSummary> productsBySku = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SellThroughImportResult>> Write(IReadOnlyList<SellThroughImportRow> rows, Guid importerId, CancellationToken ct)
    {
        var newNames = rows.Select(r => r.Distributor).Where(n => !distributorsByName.ContainsKey(n)).ToHashSet(StringComparer.Ordinal);
        if (newNames.Count > 0)
            foreach (var (name, id) in (await keys.Distributors([], newNames, ct)).ByName) distributorsByName[name] = id;
        var newSkus = rows.Select(r => r.Sku).Where(s => !productsBySku.ContainsKey(s)).ToHashSet(StringComparer.Ordinal);
        if (newSkus.Count > 0)
            foreach (var (sku, product) in (await keys.Products([], newSkus, ct)).BySku) productsBySku[sku] = product;
        var results = new SellThroughImportResult?[rows.Count];
        var figures = new List<SellThroughFigures>(rows.Count);
        var indexOf = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var error = !distributorsByName.TryGetValue(r.Distributor, out var distributor)
                    ? FieldErrors.Text("distributor: no customer you may see is named '{0}'.", Short(r.Distributor))
                : distributor is null ? FieldErrors.Text("distributor: several customers you may see are named '{0}'.", Short(r.Distributor))
                : !productsBySku.TryGetValue(r.Sku, out var product) ? FieldErrors.Text("sku: no product has the SKU '{0}'.", Short(r.Sku))
                : keys.MonthError(r.Month) is { } monthError ? "month: " + monthError
                : null;
            if (error is not null) { results[i] = new SellThroughImportResult(r.RowNo, false, false, false, error); continue; }
            figures.Add(new SellThroughFigures(distributor!.Value, productsBySku[r.Sku].Id, r.Month, r.Opening, r.Purchases, r.Sales, r.Closing));
            indexOf.Add(i);
        }
        var outcome = await upsert.Write(figures, SellThroughSource.Import, importerId, ct);
        for (var k = 0; k < figures.Count; k++)
            results[indexOf[k]] = new SellThroughImportResult(rows[indexOf[k]].RowNo, true, outcome.Replaced[k], figures[k].Balanced, null);
        return results.Select(r => r!).ToList();
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
