using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Products.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>One order the caller may see (404 otherwise), with its lines and the margin of each line and of the order.</summary>
public sealed class GetOrder(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users, IProductCatalog catalog)
{
    public async Task<OrderDto> Handle(Guid id, CancellationToken ct)
    {
        var order = await access.FindVisible(db.Set<Order>().AsNoTracking(), id, ct);
        return await ToDto(order, ct);
    }

    /// <summary>The order made from this quote, if the caller may see it.</summary>
    public async Task<Guid?> IdOfQuote(Guid quoteId, CancellationToken ct) =>
        await (await access.Visible(db.Set<Order>().AsNoTracking().Where(o => o.QuoteId == quoteId), ct))
            .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);

    public async Task<OrderDto> ToDto(Order o, CancellationToken ct)
    {
        var lines = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == o.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var products = await catalog.Get(lines.Select(l => l.ProductId).Distinct().ToList(), ct);
        var customer = (await customers.Find([o.CustomerId], ct)).GetValueOrDefault(o.CustomerId);
        var owner = (await users.Names([o.OwnerId], ct)).GetValueOrDefault(o.OwnerId);
        var margin = OrderMargin.Of(o.NetTotal, o.CostTotal);
        return new OrderDto(o.Id, o.Number, o.CustomerId, customer?.Name ?? "", o.QuoteId, o.OpportunityId, o.OrderDate, o.Status,
            o.Currency, o.NetTotal, o.TaxTotal, o.GrandTotal, o.CostTotal, margin, OrderMargin.Percent(o.NetTotal, margin), o.Notes,
            o.OwnerId, owner ?? "", o.TeamId, o.ShippedAt, o.DeliveredAt, o.CancelledAt, o.CreatedAt, o.UpdatedAt, o.ArchivedAt,
            await access.CanWrite(o, ct), [.. lines.Select(l => Line(l, products.GetValueOrDefault(l.ProductId)))], o.Version);
    }

    private static OrderLineDto Line(OrderLine l, ProductSummary? product)
    {
        var cost = l.UnitCost * (long)l.Quantity;
        var margin = OrderMargin.Of(l.NetAmount, cost);
        var unit = Money.Round(l.NetAmount.Amount / l.Quantity, l.NetAmount.Currency);
        return new OrderLineDto(l.Id, l.LineNo, l.ProductId, product?.Sku ?? "", product?.Name ?? "", product?.Unit ?? "", l.Quantity,
            unit, l.NetAmount, l.TaxAmount, l.VatRatePercent, l.UnitCost, cost, margin, OrderMargin.Percent(l.NetAmount, margin));
    }
}
