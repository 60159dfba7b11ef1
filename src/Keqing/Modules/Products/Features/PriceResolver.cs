using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>
/// The price precedence (docs/selling/prices.md) in one statement: the product's tiers on the active lists valid on
/// the date that have a tier for the quantity and are for everyone, the customer's price group or the customer, and
/// beside them the product's own list price as the last resort, ordered by the precedence — the customer's own list,
/// then its group's, then the standard lists, then the list price; at the same level the list valid from the latest
/// date (an open start counts as the earliest), then the list created last, then the larger id; on that list the tier
/// with the largest first quantity — and the first row taken. No row at all: the product is unknown or inactive.
/// </summary>
public sealed class PriceResolver(KeqingDb db) : IPriceResolver
{
    // The rank of a list's scope in the precedence; the product's own list price ranks below every list.
    private const int CustomerRank = 3, GroupRank = 2, StandardRank = 1, ListPriceRank = 0;

    public async Task<ResolvedPrice?> Resolve(Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct)
    {
        if (quantity < 1) return null;
        var product = db.Set<Product>().AsNoTracking().Where(p => p.Id == productId && p.Active);
        var tiers =
            from item in db.Set<PriceListItem>().AsNoTracking()
            join list in db.Set<PriceList>().AsNoTracking() on item.PriceListId equals list.Id
            where item.ProductId == productId && item.MinQuantity <= quantity && list.Active && product.Any()
                && (list.ValidFrom == null || list.ValidFrom <= date) && (list.ValidTo == null || list.ValidTo >= date)
                && (list.Scope == PriceListScope.Standard
                    || (list.Scope == PriceListScope.Group
                        && db.Set<PriceGroupMember>().Any(m => m.CustomerId == customerId && m.PriceGroupId == list.PriceGroupId))
                    || (list.Scope == PriceListScope.Customer && list.CustomerId == customerId))
            select new
            {
                Rank = list.Scope == PriceListScope.Customer ? CustomerRank : list.Scope == PriceListScope.Group ? GroupRank : StandardRank,
                ValidFrom = list.ValidFrom ?? DateOnly.MinValue,
                list.CreatedAt,
                list.Id,
                list.Name,
                item.MinQuantity,
                item.UnitPrice.MinorUnits,
                item.UnitPrice.Currency,
            };
        // Same columns, so the two go in one UNION ALL; its sort keys other than the rank never decide anything.
        var listPrice = product.Select(p => new
        {
            Rank = ListPriceRank,
            ValidFrom = DateOnly.MinValue,
            p.CreatedAt,
            p.Id,
            p.Name,
            MinQuantity = 1,
            p.ListPrice.MinorUnits,
            p.ListPrice.Currency,
        });
        var best = await tiers.Concat(listPrice)
            .OrderByDescending(c => c.Rank).ThenByDescending(c => c.ValidFrom).ThenByDescending(c => c.CreatedAt)
            .ThenByDescending(c => c.Id).ThenByDescending(c => c.MinQuantity)
            .FirstOrDefaultAsync(ct);
        if (best is null) return null;
        var price = Money.FromMinorUnits(best.MinorUnits, best.Currency);
        return best.Rank switch
        {
            CustomerRank => new ResolvedPrice(price, best.Id, best.Name, PriceListScope.Customer, best.MinQuantity),
            GroupRank => new ResolvedPrice(price, best.Id, best.Name, PriceListScope.Group, best.MinQuantity),
            StandardRank => new ResolvedPrice(price, best.Id, best.Name, PriceListScope.Standard, best.MinQuantity),
            _ => new ResolvedPrice(price, null, null, PriceListScope.Standard, 1),
        };
    }
}
