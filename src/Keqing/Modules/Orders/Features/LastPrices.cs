using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// The latest counted order line per product of a customer (<see cref="ILastPrices"/>) in one query for all products:
/// the products the customer has lines of (read from the index CustomerId, ProductId, OrderDate alone), then for each
/// the id of its newest counted line — a walk down that index from the product's end that stops at the first line
/// that counts, not a pass over all the customer's lines (a big distributor has hundred thousands) — then those lines.
/// </summary>
public sealed class LastPrices(KeqingDb db) : ILastPrices
{
    public const int MaxProducts = 1000;

    public async Task<IReadOnlyDictionary<Guid, LastPrice>> Of(Guid customerId, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, LastPrice>();
        foreach (var slice in productIds.Distinct().Chunk(MaxProducts))
        {
            // The customer inlined, not a parameter: PostgreSQL's generic plan for a prepared statement is costed for an
            // average customer and walks all of a big distributor's index entries (676 ms instead of 37 ms at 10M lines).
            var lines = db.Set<OrderLine>().AsNoTracking().Where(l => l.CustomerId == EF.Constant(customerId));
            var counted = lines.Where(l => l.Counts && l.Quantity > 0);
            var newest = lines.Where(l => slice.Contains(l.ProductId)).Select(l => l.ProductId).Distinct()
                .Select(productId => counted.Where(l => l.ProductId == productId)
                    .OrderByDescending(l => l.OrderDate).ThenByDescending(l => l.Id).Select(l => (Guid?)l.Id).FirstOrDefault());
            var latest = await (
                from id in newest
                join l in counted on id equals (Guid?)l.Id
                select new { l.ProductId, l.NetAmount.MinorUnits, l.NetAmount.Currency, l.Quantity, l.OrderDate, l.OrderId })
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
