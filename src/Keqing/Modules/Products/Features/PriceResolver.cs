using Keqing.Infrastructure.Data;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>
/// The price precedence (docs/selling/prices.md): among the active lists valid on the date that have a tier for the
/// quantity, the customer's own list wins over its price group's, which wins over the standard lists; at the same
/// level the list valid from the latest date wins (then the newest). Within the chosen list the tier with the largest
/// first quantity not above the quantity applies. No list: the product's own list price, if it is active.
/// </summary>
public sealed class PriceResolver(KeqingDb db) : IPriceResolver
{
    public async Task<ResolvedPrice?> Resolve(Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct)
    {
        if (quantity < 1) return null;
        var groupId = await db.Set<PriceGroupMember>().AsNoTracking()
            .Where(m => m.CustomerId == customerId).Select(m => (Guid?)m.PriceGroupId).FirstOrDefaultAsync(ct);

        var tiers = await (
            from item in db.Set<PriceListItem>().AsNoTracking()
            join list in db.Set<PriceList>().AsNoTracking() on item.PriceListId equals list.Id
            where item.ProductId == productId && item.MinQuantity <= quantity && list.Active
                && (list.ValidFrom == null || list.ValidFrom <= date) && (list.ValidTo == null || list.ValidTo >= date)
                && (list.Scope == PriceListScope.Standard
                    || (list.Scope == PriceListScope.Group && list.PriceGroupId == groupId)
                    || (list.Scope == PriceListScope.Customer && list.CustomerId == customerId))
            select new { list.Id, list.Name, list.Scope, list.ValidFrom, list.CreatedAt, item.MinQuantity, item.UnitPrice })
            .ToListAsync(ct);

        var best = tiers
            .OrderByDescending(t => t.Scope)
            .ThenByDescending(t => t.ValidFrom ?? DateOnly.MinValue)
            .ThenByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.MinQuantity)
            .FirstOrDefault();
        if (best is not null) return new ResolvedPrice(best.UnitPrice, best.Id, best.Name, best.Scope, best.MinQuantity);

        var product = await db.Set<Product>().AsNoTracking()
            .Where(p => p.Id == productId && p.Active).Select(p => new { p.ListPrice }).FirstOrDefaultAsync(ct);
        return product is null ? null : new ResolvedPrice(product.ListPrice, null, null, PriceListScope.Standard, 1);
    }
}
