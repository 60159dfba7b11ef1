using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// The latest counted order line per product of a customer (<see cref="ILastPrices"/>) in one query for all products:
/// the customer's lines of those products (index CustomerId, ProductId, OrderDate) numbered newest first per product
/// by a window function (ROW_NUMBER on both providers), keeping number 1.
/// </summary>
public sealed class LastPrices(KeqingDb db) : ILastPrices
{
    public const int MaxProducts = 1000;

    public async Task<IReadOnlyDictionary<Guid, LastPrice>> Of(Guid customerId, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, LastPrice>();
        foreach (var slice in productIds.Distinct().Chunk(MaxProducts))
        {
            var latest = await db.Set<OrderLine>().AsNoTracking()
                .Where(l => l.CustomerId == customerId && slice.Contains(l.ProductId) && l.Counts && l.Quantity > 0)
                .GroupBy(l => l.ProductId)
                .Select(g => g.OrderByDescending(l => l.OrderDate).ThenByDescending(l => l.Id)
                    .Select(l => new { l.ProductId, l.NetAmount.MinorUnits, l.NetAmount.Currency, l.Quantity, l.OrderDate, l.OrderId })
                    .First())
                .ToListAsync(ct);
            foreach (var line in latest)
            {
                var net = Money.FromMinorUnits(line.MinorUnits, line.Currency);
                result[line.ProductId] = new LastPrice(line.ProductId, Money.Round(net.Amount / line.Quantity, line.Currency),
                    line.Quantity, line.OrderDate, line.OrderId);
            }
        }
        return result;
    }
}
