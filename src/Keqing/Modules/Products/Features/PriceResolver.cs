using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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

    // Compiled once per model: a price is resolved for every quote and order line, and looking a query this size up in
    // EF's query cache costs about as much as running it (bench `prices`). A compiled query serves one model only, and
    // the tests and benches hold a SQLite and a PostgreSQL model in one process.
    private static readonly ConditionalWeakTable<IModel, Func<KeqingDb, Guid, Guid, DateOnly, int, CancellationToken, Task<Candidate?>>> BestByModel = new();

    private static Func<KeqingDb, Guid, Guid, DateOnly, int, CancellationToken, Task<Candidate?>> Compile() =>
        EF.CompileAsyncQuery((KeqingDb db, Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct) =>
            (from item in db.Set<PriceListItem>()
             join list in db.Set<PriceList>() on item.PriceListId equals list.Id
             where item.ProductId == productId && item.MinQuantity <= quantity && list.Active
                 && db.Set<Product>().Any(p => p.Id == productId && p.Active)
                 && (list.ValidFrom == null || list.ValidFrom <= date) && (list.ValidTo == null || list.ValidTo >= date)
                 && (list.Scope == PriceListScope.Standard
                     || (list.Scope == PriceListScope.Group
                         && db.Set<PriceGroupMember>().Any(m => m.CustomerId == customerId && m.PriceGroupId == list.PriceGroupId))
                     || (list.Scope == PriceListScope.Customer && list.CustomerId == customerId))
             select new Candidate
             {
                 Rank = list.Scope == PriceListScope.Customer ? CustomerRank : list.Scope == PriceListScope.Group ? GroupRank : StandardRank,
                 ValidFrom = list.ValidFrom ?? DateOnly.MinValue,
                 CreatedAt = list.CreatedAt,
                 Id = list.Id,
                 Name = list.Name,
                 MinQuantity = item.MinQuantity,
                 MinorUnits = item.UnitPrice.MinorUnits,
                 Currency = item.UnitPrice.Currency,
             })
            // Same columns, so the two go in one UNION ALL; its sort keys other than the rank never decide anything.
            .Concat(db.Set<Product>().Where(p => p.Id == productId && p.Active).Select(p => new Candidate
            {
                Rank = ListPriceRank,
                ValidFrom = DateOnly.MinValue,
                CreatedAt = p.CreatedAt,
                Id = p.Id,
                Name = p.Name,
                MinQuantity = 1,
                MinorUnits = p.ListPrice.MinorUnits,
                Currency = p.ListPrice.Currency,
            }))
            .OrderByDescending(c => c.Rank).ThenByDescending(c => c.ValidFrom).ThenByDescending(c => c.CreatedAt)
            .ThenByDescending(c => c.Id).ThenByDescending(c => c.MinQuantity)
            .FirstOrDefault());

    public async Task<ResolvedPrice?> Resolve(Guid customerId, Guid productId, DateOnly date, int quantity, CancellationToken ct)
    {
        if (quantity < 1) return null;
        var best = await BestByModel.GetValue(db.Model, _ => Compile())(db, customerId, productId, date, quantity, ct);
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

    /// <summary>A list's tier, or the product's own list price, that might apply.</summary>
    private sealed class Candidate
    {
        public int Rank { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateTime CreatedAt { get; init; }
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public int MinQuantity { get; init; }
        public long MinorUnits { get; init; }
        public string Currency { get; init; } = "";
    }
}
