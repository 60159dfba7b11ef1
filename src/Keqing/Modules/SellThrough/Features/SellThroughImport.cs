using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The import pipeline's way into the sales database (<see cref="ISellThroughImport"/>): the distributor among the
/// customers the importer may see by code, credit code or name (<see cref="SellThroughKeys.Distributors"/>), the product
/// by SKU, the month up to the current one; the rest through the one upsert (<see cref="SellThroughUpsert"/>), in the
/// pipeline's batch transaction, the heat map's months marked and recomputed once at the end (<see cref="Complete"/>). The preview asks the same questions without writing (<see cref="Check"/>).
/// One instance serves one job (scoped: the runner's scope is the job's) and keeps every distributor and SKU it found: a
/// year's file of 12,000,000 rows names a few thousand of each, so each is looked up once per job, not once per batch.
/// A name or SKU not found is looked up again in each batch that names it (it may have been created meanwhile).
/// </summary>
public sealed class SellThroughImport(SellThroughKeys keys, SellThroughUpsert upsert, SellThroughSummary summary) : ISellThroughImport
{
    private readonly Dictionary<string, DistributorMatch> distributorsByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductSummary> productsBySku = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SellThroughImportResult>> Write(IReadOnlyList<SellThroughImportRow> rows, Guid importerId, CancellationToken ct)
    {
        var resolved = await Resolve(rows, ct);
        var figures = resolved.Where(r => r.Figures is not null).Select(r => r.Figures!).ToList();
        var outcome = await upsert.Write(figures, SellThroughSource.Import, importerId, ct, deferSummary: true);
        var results = new List<SellThroughImportResult>(rows.Count);
        var k = 0;
        for (var i = 0; i < rows.Count; i++)
            results.Add(resolved[i].Figures is { } f
                ? new SellThroughImportResult(rows[i].RowNo, true, outcome.Replaced[k++], f.Balanced, null)
                : new SellThroughImportResult(rows[i].RowNo, false, false, false, resolved[i].Error));
        return results;
    }

    public Task Complete(CancellationToken ct) => summary.RefreshPending(ct);

    public async Task<IReadOnlyDictionary<int, string>> Check(IReadOnlyList<SellThroughImportRow> rows, CancellationToken ct)
    {
        var resolved = await Resolve(rows, ct);
        return rows.Select((r, i) => (r.RowNo, resolved[i].Error)).Where(x => x.Error is not null).ToDictionary(x => x.RowNo, x => x.Error!);
    }

    /// <summary>Each row's figures with the distributor's and product's ids, or why it is rejected.</summary>
    private async Task<List<(SellThroughFigures? Figures, string? Error)>> Resolve(IReadOnlyList<SellThroughImportRow> rows, CancellationToken ct)
    {
        var newTexts = rows.Select(r => r.Distributor).Where(n => !distributorsByText.ContainsKey(n)).ToHashSet(StringComparer.Ordinal);
        if (newTexts.Count > 0)
            foreach (var (text, match) in (await keys.Distributors([], newTexts, ct)).ByText) distributorsByText[text] = match;
        var newSkus = rows.Select(r => r.Sku).Where(s => !productsBySku.ContainsKey(s)).ToHashSet(StringComparer.Ordinal);
        if (newSkus.Count > 0)
            foreach (var (sku, product) in (await keys.Products([], newSkus, ct)).BySku) productsBySku[sku] = product;
        var resolved = new List<(SellThroughFigures?, string?)>(rows.Count);
        foreach (var r in rows)
        {
            var error = !distributorsByText.TryGetValue(r.Distributor, out var distributor)
                    ? FieldErrors.Text("distributor: no customer you may see has the name, code or credit code '{0}'.", Short(r.Distributor))
                : distributor.AmbiguityError(r.Distributor) is { } ambiguous ? "distributor: " + ambiguous
                : !productsBySku.TryGetValue(r.Sku, out var product) ? FieldErrors.Text("sku: no product has the SKU '{0}'.", Short(r.Sku))
                : keys.MonthError(r.Month) is { } monthError ? "month: " + monthError
                : null;
            resolved.Add(error is null
                ? (new SellThroughFigures(distributor!.Id!.Value, productsBySku[r.Sku].Id, r.Month, r.Opening, r.Purchases, r.Sales, r.Closing), null)
                : (null, error));
        }
        return resolved;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
