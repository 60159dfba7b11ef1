using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Orders;

/// <summary>
/// Products, customer price lists and quotes written straight into the database (packages A and C write their APIs now):
/// exactly the prices, costs and statuses an order test needs.
/// </summary>
public sealed class OrderData(KeqingApp app)
{
    public async Task<Guid> Product(decimal listPrice, decimal cost, decimal vat = 13m, bool active = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = DateTime.UtcNow;
        var product = new Product
        {
            Sku = ApiHelpers.Unique("SKU"), Name = ApiHelpers.Unique("彩超探头"), Unit = "台", ListPrice = Money.Of(listPrice),
            Cost = Money.Of(cost), VatRatePercent = vat, Active = active, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>The customer's own price list with one price per product (first quantity 1).</summary>
    public async Task CustomerPrices(Guid customerId, params (Guid ProductId, decimal Price)[] prices)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = DateTime.UtcNow;
        var list = new PriceList { Name = ApiHelpers.Unique("客户专属价格表"), Scope = PriceListScope.Customer, CustomerId = customerId, CreatedAt = now, UpdatedAt = now };
        db.Add(list);
        db.AddRange(prices.Select(p => new PriceListItem { PriceListId = list.Id, ProductId = p.ProductId, MinQuantity = 1, UnitPrice = Money.Of(p.Price) }));
        await db.SaveChangesAsync();
    }

    /// <summary>A quote of the customer in the given status with lines (product, quantity, net amount, tax, unit cost).</summary>
    public async Task<Guid> Quote(Guid customerId, Guid ownerId, Guid? teamId, QuoteStatus status,
        params (Guid ProductId, int Quantity, decimal Net, decimal Tax, decimal UnitCost)[] lines)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = DateTime.UtcNow;
        var net = lines.Sum(l => l.Net);
        var tax = lines.Sum(l => l.Tax);
        var quote = new Quote
        {
            Number = ApiHelpers.Unique("Q-2026"), CustomerId = customerId, Title = "年度采购报价", Status = status,
            ValidUntil = DateOnly.FromDateTime(now).AddDays(30), PriceDate = DateOnly.FromDateTime(now), Subtotal = Money.Of(net),
            NetTotal = Money.Of(net), TaxTotal = Money.Of(tax), GrandTotal = Money.Of(net + tax), OwnerId = ownerId, TeamId = teamId,
            CreatedAt = now, UpdatedAt = now,
        };
        quote.RootId = quote.Id;
        db.Add(quote);
        db.AddRange(lines.Select((l, i) => new QuoteLine
        {
            QuoteId = quote.Id, LineNo = i + 1, ProductId = l.ProductId, Sku = "SKU", ProductName = "产品", Unit = "台", Quantity = l.Quantity,
            ListUnitPrice = Money.Round(l.Net / l.Quantity), VatRatePercent = 13m, NetAmount = Money.Of(l.Net), TaxAmount = Money.Of(l.Tax),
            GrossAmount = Money.Of(l.Net + l.Tax), UnitCost = Money.Of(l.UnitCost),
        }));
        await db.SaveChangesAsync();
        return quote.Id;
    }
}
