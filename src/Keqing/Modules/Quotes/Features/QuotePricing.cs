using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// Prices a quote's lines ONLY from <see cref="IPriceResolver"/> for the quote's customer, price date and each line's
/// quantity (a price the caller sends must be that price), then computes every amount and total with <see cref="QuoteMath"/>.
/// </summary>
public sealed class QuotePricing(IPriceResolver prices, IProductCatalog catalog)
{
    public const int MaxLines = 200;
    public const int MaxQuantity = 1_000_000;

    /// <summary>The priced lines (amounts not yet computed), or field errors on <c>lines[i].…</c> naming why a line cannot be priced.</summary>
    public async Task<List<QuoteLine>> Price(Guid customerId, DateOnly priceDate, string currency, bool taxInclusive,
        IReadOnlyList<QuoteLineInput>? inputs, FieldErrors errors, CancellationToken ct)
    {
        inputs ??= [];
        if (inputs.Count > MaxLines)
        {
            errors.Add("lines", FieldErrors.Text("A quote has at most {0} lines.", MaxLines));
            return [];
        }
        var products = await catalog.Get(inputs.Where(i => i is not null).Select(i => i.ProductId).Distinct().ToList(), ct);
        var lines = new List<QuoteLine>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"lines[{i}]";
            if (input is null)
            {
                errors.Add(field, FieldErrors.Text("Required."));
                continue;
            }
            var ok = true;
            if (input.Quantity is < 1 or > MaxQuantity)
            {
                errors.Add($"{field}.quantity", FieldErrors.Text("The quantity is 1 to {0}.", MaxQuantity));
                ok = false;
            }
            if (input.DiscountPercent is < 0m or > 100m)
            {
                errors.Add($"{field}.discountPercent", FieldErrors.Text("A discount is 0 to 100 percent."));
                ok = false;
            }
            if (!products.TryGetValue(input.ProductId, out var product) || !product.Active)
            {
                errors.Add($"{field}.productId", FieldErrors.Text("No such active product."));
                continue;
            }
            if (!ok) continue;
            var resolved = await prices.Resolve(customerId, product.Id, priceDate, input.Quantity, ct);
            if (resolved is null)
            {
                errors.Add($"{field}.unitPrice", FieldErrors.Text("{0} has no applicable price for this customer, date and quantity.", product.Sku));
                continue;
            }
            if (resolved.UnitPrice.Currency != currency)
            {
                errors.Add($"{field}.unitPrice", FieldErrors.Text("The applicable price of {0} is in {1}, the quote is in {2}.", product.Sku,
                    resolved.UnitPrice.Currency, currency));
                continue;
            }
            var unitPrice = taxInclusive ? resolved.UnitPrice * (1m + product.VatRatePercent / 100m) : resolved.UnitPrice;
            if (input.UnitPrice is { } asked && asked != unitPrice)
            {
                errors.Add($"{field}.unitPrice", FieldErrors.Text("The price differs from the list's ({0} {1}, {2}); give a discount instead.",
                    unitPrice.Amount, unitPrice.Currency, resolved.Source ?? FieldErrors.Text("Standard price")));
                continue;
            }
            lines.Add(new QuoteLine
            {
                LineNo = i + 1,
                ProductId = product.Id,
                Sku = product.Sku,
                ProductName = product.Name,
                Unit = product.Unit,
                Specification = product.Specification,
                Quantity = input.Quantity,
                ListUnitPrice = unitPrice,
                PriceListId = resolved.PriceListId,
                PriceSource = resolved.Source,
                DiscountPercent = input.DiscountPercent ?? 0m,
                VatRatePercent = product.VatRatePercent,
                UnitCost = product.Cost,
            });
        }
        return lines;
    }

    /// <summary>Computes the lines' amounts and the quote's totals (exact to the fen, totals = sums of lines).</summary>
    public static void Apply(Quote quote, IReadOnlyList<QuoteLine> lines)
    {
        var amounts = QuoteMath.Compute(
            [.. lines.Select(l => new QuoteMathLine(l.Quantity, l.ListUnitPrice, l.DiscountPercent, l.VatRatePercent))],
            quote.TotalDiscountPercent, quote.TaxInclusive, quote.Currency);
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].NetAmount = amounts.Lines[i].NetAmount;
            lines[i].TaxAmount = amounts.Lines[i].TaxAmount;
            lines[i].GrossAmount = amounts.Lines[i].GrossAmount;
        }
        quote.Subtotal = amounts.Subtotal;
        quote.DiscountTotal = amounts.DiscountTotal;
        quote.NetTotal = amounts.NetTotal;
        quote.TaxTotal = amounts.TaxTotal;
        quote.GrandTotal = amounts.GrandTotal;
        quote.MaxDiscountPercent = amounts.MaxDiscountPercent;
    }
}
