using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Stores a batch of monthly reports from the API or the form. Every row is checked (a distributor the caller may see, by
/// id, code, credit code or name; a known product; a month up to the current one; figures ≥ 0). The form — a person who
/// fixes and saves the month again — is refused whole on any fault, with field errors per row (<c>rows[3].sku</c>). The
/// API — a distributor's system sending its month — gets the good rows stored and the bad ones back by index with their
/// errors; a batch without one good row is a 400 like the form's. Rows that do not add up are stored and listed as flagged.
/// A distributor × product × month is stored once: a later report of it replaces the earlier, so a resend changes nothing.
/// </summary>
public sealed class ReportSellThrough(KeqingDb db, SellThroughKeys keys, SellThroughUpsert upsert, CurrentUser me)
{
    /// <summary>The most rows one request may carry (a distributor's month of 500 products, ten times over).</summary>
    public const int MaxRows = 5000;

    /// <summary>The field of an error about the whole row (a null row).</summary>
    private const string WholeRow = "row";

    public async Task<SellThroughReportResult> Handle(SellThroughReportRequest request, SellThroughSource source, CancellationToken ct)
    {
        var rows = request.Rows ?? [];
        var errors = new FieldErrors();
        if (rows.Count == 0) errors.Add("rows", FieldErrors.Text("Send at least one row."));
        if (rows.Count > MaxRows) errors.Add("rows", FieldErrors.Text("At most {0} rows per request (got {1}).", MaxRows, rows.Count));
        errors.ThrowIfAny();

        var distributors = await keys.Distributors(rows.Where(r => r is not null && r.DistributorId is not null).Select(r => r.DistributorId!.Value),
            rows.Where(r => r is not null && r.DistributorId is null && !string.IsNullOrWhiteSpace(r.Distributor)).Select(r => r.Distributor!.Trim()), ct);
        var products = await keys.Products(rows.Where(r => r?.ProductId is not null).Select(r => r.ProductId!.Value).ToHashSet(),
            rows.Where(r => r is not null && r.ProductId is null && !string.IsNullOrWhiteSpace(r.Sku)).Select(r => r.Sku!.Trim()).ToHashSet(StringComparer.Ordinal), ct);

        var figures = new List<SellThroughFigures>(rows.Count);
        var indexOf = new List<int>(rows.Count); // figures[k] is rows[indexOf[k]]
        var rejected = new SortedDictionary<int, Dictionary<string, List<string>>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var rowErrors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Bad(string field, string message)
            {
                if (!rowErrors.TryGetValue(field, out var list)) rowErrors[field] = list = [];
                list.Add(message);
            }
            if (row is null) { rejected[i] = new() { [WholeRow] = [FieldErrors.Text("Required.")] }; continue; }
            Guid? distributorId = null;
            if (row.DistributorId is { } id)
            {
                if (distributors.Ids.Contains(id)) distributorId = id;
                else Bad("distributorId", FieldErrors.Text("No customer you may see has this id."));
            }
            else if (string.IsNullOrWhiteSpace(row.Distributor)) Bad("distributorId", FieldErrors.Text("Give the distributor's id or name."));
            else if (!distributors.ByText.TryGetValue(row.Distributor.Trim(), out var named)) Bad("distributor", FieldErrors.Text("No customer you may see has this name, code or credit code."));
            else if (named.AmbiguityError(row.Distributor.Trim()) is { } ambiguous) Bad("distributor", ambiguous);
            else distributorId = named.Id;

            Guid? productId = null;
            if (row.ProductId is { } pid)
            {
                if (products.Ids.Contains(pid)) productId = pid;
                else Bad("productId", FieldErrors.Text("No product has this id."));
            }
            else if (string.IsNullOrWhiteSpace(row.Sku)) Bad("productId", FieldErrors.Text("Give the product's id or SKU."));
            else if (products.BySku.TryGetValue(row.Sku.Trim(), out var product)) productId = product.Id;
            else Bad("sku", FieldErrors.Text("No product has this SKU."));

            var month = SellThroughMonth.Parse(row.Month);
            if (row.Month is null) Bad("month", FieldErrors.Text("Required."));
            else if (month is null || row.Month.Length > 20) Bad("month", FieldErrors.Text("Not a month: write it as 2026-11."));
            else if (keys.MonthError(month.Value) is { } monthError) Bad("month", monthError);

            long Figure(long? value, string field)
            {
                if (value is null) { Bad(field, FieldErrors.Text("Required.")); return 0; }
                if (SellThroughKeys.FigureError(value.Value) is { } error) Bad(field, error);
                return value.Value;
            }
            var (opening, purchases, sales, closing) = (Figure(row.Opening, "opening"), Figure(row.Purchases, "purchases"), Figure(row.Sales, "sales"), Figure(row.Closing, "closing"));
            if (rowErrors.Count > 0) { rejected[i] = rowErrors; continue; }
            figures.Add(new SellThroughFigures(distributorId!.Value, productId!.Value, month!.Value, opening, purchases, sales, closing));
            indexOf.Add(i);
        }
        var acceptGoodRows = source == SellThroughSource.Api;
        if (rejected.Count > 0 && (!acceptGoodRows || figures.Count == 0))
            throw new ValidationFailedException(rejected.SelectMany(r => r.Value.Select(f => (Key: f.Key == WholeRow ? $"rows[{r.Key}]" : $"rows[{r.Key}].{f.Key}", f.Value)))
                .ToDictionary(x => x.Key, x => x.Value.ToArray(), StringComparer.Ordinal));

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = await upsert.Write(figures, source, me.UserIdOrNull, ct);
            await transaction.CommitAsync(ct);
            return written;
        });
        var flagged = figures.Select((f, k) => (f, k)).Where(x => !x.f.Balanced).Select(x => new FlaggedSellThroughRow(indexOf[x.k], x.f.Difference)).ToList();
        return new SellThroughReportResult(outcome.Stored, outcome.ReplacedCount, flagged.Count, flagged,
            [.. rejected.Select(r => new RejectedSellThroughRow(r.Key, r.Value.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal)))]);
    }
}
