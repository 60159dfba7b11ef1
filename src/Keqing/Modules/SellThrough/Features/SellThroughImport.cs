using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// The import pipeline's way into the sales database (<see cref="ISellThroughImport"/>): the distributor among the
/// customers the importer may see by code, credit code or name (<see cref="SellThroughKeys.Distributors"/>), the product
/// by SKU, the month up to the current one; the rest through the one upsert (<see cref="SellThroughUpsert"/>), in the
/// pipeline's batch transaction. The preview asks the same questions without writing (<see cref="Check"/>).
/// </summary>
public sealed class SellThroughImport(SellThroughKeys keys, SellThroughUpsert upsert) : ISellThroughImport
{
    public async Task<IReadOnlyList<SellThroughImportResult>> Write(IReadOnlyList<SellThroughImportRow> rows, Guid importerId, CancellationToken ct)
    {
        var resolved = await Resolve(rows, ct);
        var figures = resolved.Where(r => r.Figures is not null).Select(r => r.Figures!).ToList();
        var outcome = await upsert.Write(figures, SellThroughSource.Import, importerId, ct);
        var results = new List<SellThroughImportResult>(rows.Count);
        var k = 0;
        for (var i = 0; i < rows.Count; i++)
            results.Add(resolved[i].Figures is { } f
                ? new SellThroughImportResult(rows[i].RowNo, true, outcome.Replaced[k++], f.Balanced, null)
                : new SellThroughImportResult(rows[i].RowNo, false, false, false, resolved[i].Error));
        return results;
    }

    public async Task<IReadOnlyDictionary<int, string>> Check(IReadOnlyList<SellThroughImportRow> rows, CancellationToken ct)
    {
        var resolved = await Resolve(rows, ct);
        return rows.Select((r, i) => (r.RowNo, resolved[i].Error)).Where(x => x.Error is not null).ToDictionary(x => x.RowNo, x => x.Error!);
    }

    /// <summary>Each row's figures with the distributor's and product's ids, or why it is rejected.</summary>
    private async Task<List<(SellThroughFigures? Figures, string? Error)>> Resolve(IReadOnlyList<SellThroughImportRow> rows, CancellationToken ct)
    {
        var distributors = await keys.Distributors([], rows.Select(r => r.Distributor), ct);
        var products = await keys.Products([], rows.Select(r => r.Sku).ToHashSet(StringComparer.Ordinal), ct);
        var resolved = new List<(SellThroughFigures?, string?)>(rows.Count);
        foreach (var r in rows)
        {
            var error = !distributors.ByText.TryGetValue(r.Distributor, out var distributor)
                    ? FieldErrors.Text("distributor: no customer you may see has the name, code or credit code '{0}'.", Short(r.Distributor))
                : distributor.AmbiguityError(r.Distributor) is { } ambiguous ? "distributor: " + ambiguous
                : !products.BySku.TryGetValue(r.Sku, out var product) ? FieldErrors.Text("sku: no product has the SKU '{0}'.", Short(r.Sku))
                : keys.MonthError(r.Month) is { } monthError ? "month: " + monthError
                : null;
            resolved.Add(error is null
                ? (new SellThroughFigures(distributor!.Id!.Value, products.BySku[r.Sku].Id, r.Month, r.Opening, r.Purchases, r.Sales, r.Closing), null)
                : (null, error));
        }
        return resolved;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
