using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>One tier of one list as the precedence sees it.</summary>
public sealed record PriceCandidate(Guid ListId, string ListName, PriceListScope Scope, Guid? PriceGroupId, Guid? CustomerId,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool Active, DateTime CreatedAt, int MinQuantity, Money UnitPrice);

/// <summary>
/// The price precedence (docs/selling/prices.md): among the active lists valid on the date that have a tier for the
/// quantity, the customer's own list wins over its price group's, which wins over the standard lists; at the same
/// level the list valid from the latest date wins (an open start counts as the earliest), then the list created last,
/// then the larger id, so exactly one list applies. Within the chosen list the tier with the largest first quantity not
/// above the quantity applies. No list: the product's own list price. An inactive or unknown product has no price.
/// </summary>
public sealed class PriceResolver(KeqingDb db) : IPriceResolver
{
    public async Task<ResolvedPrice?> Resolve(Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct)
    {
        if (quantity < 1) return null;
        var product = await db.Set<Product>().AsNoTracking()
            .Where(p => p.Id == productId && p.Active).Select(p => new { p.ListPrice }).FirstOrDefaultAsync(ct);
        if (product is null) return null;
        var groupId = await db.Set<PriceGroupMember>().AsNoTracking()
            .Where(m => m.CustomerId == customerId).Select(m => (Guid?)m.PriceGroupId).FirstOrDefaultAsync(ct);

        // The database narrows to the product's tiers on lists that could apply; Choose applies the precedence.
        var tiers = await (
            from item in db.Set<PriceListItem>().AsNoTracking()
            join list in db.Set<PriceList>().AsNoTracking() on item.PriceListId equals list.Id
            where item.ProductId == productId && item.MinQuantity <= quantity && list.Active
                && (list.ValidFrom == null || list.ValidFrom <= date) && (list.ValidTo == null || list.ValidTo >= date)
                && (list.Scope == PriceListScope.Standard
                    || (list.Scope == PriceListScope.Group && list.PriceGroupId == groupId)
                    || (list.Scope == PriceListScope.Customer && list.CustomerId == customerId))
            select new PriceCandidate(list.Id, list.Name, list.Scope, list.PriceGroupId, list.CustomerId, list.ValidFrom, list.ValidTo,
                list.Active, list.CreatedAt, item.MinQuantity, item.UnitPrice))
            .ToListAsync(ct);

        var best = Choose(tiers, customerId, groupId, date, quantity);
        return best is not null
            ? new ResolvedPrice(best.UnitPrice, best.ListId, best.ListName, best.Scope, best.MinQuantity)
            : new ResolvedPrice(product.ListPrice, null, null, PriceListScope.Standard, 1);
    }

    /// <summary>Whether a tier could price this customer (in this group) on this date for this quantity.</summary>
    public static bool Applies(PriceCandidate t, Guid customerId, Guid? groupId, DateOnly date, int quantity) =>
        t.Active && t.MinQuantity <= quantity
        && (t.ValidFrom is null || t.ValidFrom <= date) && (t.ValidTo is null || t.ValidTo >= date)
        && t.Scope switch
        {
            PriceListScope.Standard => true,
            PriceListScope.Group => groupId is not null && t.PriceGroupId == groupId,
            PriceListScope.Customer => t.CustomerId == customerId,
            _ => false,
        };

    /// <summary>The one tier that applies by the precedence, or null when no list has one (the product's own list price then).</summary>
    public static PriceCandidate? Choose(IEnumerable<PriceCandidate> tiers, Guid customerId, Guid? groupId, DateOnly date, int quantity) =>
        tiers.Where(t => Applies(t, customerId, groupId, date, quantity))
            .OrderByDescending(t => t.Scope)
            .ThenByDescending(t => t.ValidFrom ?? DateOnly.MinValue)
            .ThenByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.ListId)
            .ThenByDescending(t => t.MinQuantity)
            .FirstOrDefault();
}
