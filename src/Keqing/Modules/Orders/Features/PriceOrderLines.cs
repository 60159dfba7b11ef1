using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Prices the lines of an order entered directly, as a quote would: the unit price only from the customer's resolved
/// price list for the order date and quantity, the unit cost and VAT rate from the product; amounts rounded once per line.
/// </summary>
public sealed class PriceOrderLines(IPriceResolver prices, IProductCatalog catalog, TimeProvider time, Infrastructure.Time.IUserTimeZones zones,
    Infrastructure.Auth.CurrentUser me)
{
    public const int MaxLines = 200;
    public const int MaxQuantity = 1_000_000;

    /// <summary>The price a line would get today where the user is (the new-order page shows it before the order is saved).</summary>
    public async Task<ResolvedPrice?> Today(Guid customerId, Guid productId, int quantity, CancellationToken ct) =>
        await prices.Resolve(customerId, productId, await Infrastructure.Time.UserTimeZonesExtensions.Today(zones, me.UserIdOrNull, time, ct), quantity, ct);

    /// <summary>The priced lines (not yet tied to an order) and their currency; field errors name each bad line.</summary>
    public async Task<(List<OrderLine> Lines, string Currency)> Price(Guid customerId, DateOnly date, IReadOnlyList<OrderLineInput>? input,
        FieldErrors errors, CancellationToken ct)
    {
        var lines = new List<OrderLine>();
        if (input is null || input.Count == 0)
        {
            errors.Add("lines", FieldErrors.Text("An order needs at least one line."));
            return (lines, Currencies.Default);
        }
        if (input.Count > MaxLines)
        {
            errors.Add("lines", FieldErrors.Text("At most {0} lines.", MaxLines));
            return (lines, Currencies.Default);
        }
        var products = await catalog.Get(input.Where(l => l?.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList(), ct);
        string? currency = null;
        for (var i = 0; i < input.Count; i++)
        {
            var line = input[i];
            var field = $"lines[{i}]";
            if (line?.ProductId is not { } productId || !products.TryGetValue(productId, out var product) || !product.Active)
            {
                errors.Add($"{field}.productId", FieldErrors.Text("No active product has this id."));
                continue;
            }
            if (line.Quantity is not (> 0 and <= MaxQuantity) || line.Quantity is not { } quantity)
            {
                errors.Add($"{field}.quantity", FieldErrors.Text("The quantity is 1 to {0}.", MaxQuantity));
                continue;
            }
            var price = await prices.Resolve(customerId, productId, date, quantity, ct);
            if (price is null)
            {
                errors.Add($"{field}.productId", FieldErrors.Text("No price list has a price of {0} for this customer, date and quantity.", product.Sku));
                continue;
            }
            currency ??= price.UnitPrice.Currency;
            if (price.UnitPrice.Currency != currency)
            {
                errors.Add($"{field}.productId", FieldErrors.Text("The price of {0} is in {1}; the order's other lines are in {2}.", product.Sku, price.UnitPrice.Currency, currency));
                continue;
            }
            if (product.Cost.Currency != currency)
            {
                errors.Add($"{field}.productId", FieldErrors.Text("The cost of {0} is in {1}, its price in {2}.", product.Sku, product.Cost.Currency, currency));
                continue;
            }
            var net = price.UnitPrice * (long)quantity;
            lines.Add(new OrderLine
            {
                LineNo = i + 1, ProductId = productId, Quantity = quantity, NetAmount = net,
                TaxAmount = Money.Round(net.Amount * product.VatRatePercent / 100m, currency), UnitCost = product.Cost,
                VatRatePercent = product.VatRatePercent,
            });
        }
        return (lines, currency ?? Currencies.Default);
    }
}
