using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Stores a batch of monthly reports from the API or the form: every row is checked first (a distributor the caller may
/// see, a known product, a month up to the current one, figures ≥ 0) and any fault refuses the whole batch with field
/// errors per row (<c>rows[3].sku</c>); rows that do not add up are stored and reported back as flagged.
/// </summary>
public sealed class ReportSellThrough(KeqingDb db, SellThroughKeys keys, SellThroughUpsert upsert, CurrentUser me)
{
    /// <summary>The most rows one request may carry (a distributor's month of 500 products, ten times over).</summary>
    public const int MaxRows = 5000;

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
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = $"rows[{i}]";
            if (row is null) { errors.Add(at, FieldErrors.Text("Required.")); continue; }
            Guid? distributorId = null;
            if (row.DistributorId is { } id)
            {
                if (distributors.Ids.Contains(id)) distributorId = id;
                else errors.Add($"{at}.distributorId", FieldErrors.Text("No customer you may see has this id."));
            }
            else if (string.IsNullOrWhiteSpace(row.Distributor)) errors.Add($"{at}.distributorId", FieldErrors.Text("Give the distributor's id or name."));
            else if (!distributors.ByName.TryGetValue(row.Distributor.Trim(), out var named)) errors.Add($"{at}.distributor", FieldErrors.Text("No customer you may see has this name."));
            else if (named is null) errors.Add($"{at}.distributor", FieldErrors.Text("Several customers you may see have this name: give the id."));
            else distributorId = named;

            Guid? productId = null;
            if (row.ProductId is { } pid)
            {
                if (products.Ids.Contains(pid)) productId = pid;
                else errors.Add($"{at}.productId", FieldErrors.Text("No product has this id."));
            }
            else if (string.IsNullOrWhiteSpace(row.Sku)) errors.Add($"{at}.productId", FieldErrors.Text("Give the product's id or SKU."));
            else if (products.BySku.TryGetValue(row.Sku.Trim(), out var product)) productId = product.Id;
            else errors.Add($"{at}.sku", FieldErrors.Text("No product has this SKU."));

            var month = SellThroughMonth.Parse(row.Month);
            if (row.Month is null) errors.Add($"{at}.month", FieldErrors.Text("Required."));
            else if (month is null || row.Month.Length > 20) errors.Add($"{at}.month", FieldErrors.Text("Not a month: write it as 2026-11."));
            else if (keys.MonthError(month.Value) is { } monthError) errors.Add($"{at}.month", monthError);

            long Figure(long? value, string field)
            {
                if (value is null) { errors.Add($"{at}.{field}", FieldErrors.Text("Required.")); return 0; }
                if (SellThroughKeys.FigureError(value.Value) is { } error) errors.Add($"{at}.{field}", error);
                return value.Value;
            }
            var (opening, purchases, sales, closing) = (Figure(row.Opening, "opening"), Figure(row.Purchases, "purchases"), Figure(row.Sales, "sales"), Figure(row.Closing, "closing"));
            if (distributorId is { } d && productId is { } p && month is { } m)
                figures.Add(new SellThroughFigures(d, p, m, opening, purchases, sales, closing));
        }
        errors.ThrowIfAny();

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = await upsert.Write(figures, source, me.UserIdOrNull, ct);
            await transaction.CommitAsync(ct);
            return written;
        });
        var flagged = figures.Select((f, i) => (f, i)).Where(x => !x.f.Balanced).Select(x => new FlaggedSellThroughRow(x.i, x.f.Difference)).ToList();
        return new SellThroughReportResult(outcome.Stored, outcome.ReplacedCount, flagged.Count, flagged);
    }
}
