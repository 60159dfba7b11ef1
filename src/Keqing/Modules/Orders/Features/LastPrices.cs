using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>The latest counted order line per product of a customer (<see cref="ILastPrices"/>), one index seek per product.</summary>
public sealed class LastPrices(KeqingDb db) : ILastPrices
{
    public async Task<IReadOnlyDictionary<Guid, LastPrice>> Of(Guid customerId, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, LastPrice>();
        foreach (var productId in productIds.Distinct())
        {
            var line = await db.Set<OrderLine>().AsNoTracking()
                .Where(l => l.CustomerId == customerId && l.ProductId == productId && l.Counts && l.Quantity > 0)
                .OrderByDescending(l => l.OrderDate).ThenByDescending(l => l.Id)
                .Select(l => new { l.NetAmount, l.Quantity, l.OrderDate, l.OrderId })
                .FirstOrDefaultAsync(ct);
            if (line is null) continue;
            var unit = Money.Round(line.NetAmount.Amount / line.Quantity, line.NetAmount.Currency);
            result[productId] = new LastPrice(productId, unit, line.Quantity, line.OrderDate, line.OrderId);
        }
        return result;
    }
}
