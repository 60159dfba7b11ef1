using CsCheck;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Products;

/// <summary>
/// The price precedence over any lists (docs/selling/prices.md), on both providers: random lists (scopes, groups,
/// customers, validity, creation times, tiers, with many ties) are stored for a new product, and
/// <see cref="IPriceResolver"/> — one statement in the database — picks the tier the documented steps, written out
/// one by one here, pick; or the product's own list price when no list has one.
/// </summary>
public abstract class PricePrecedencePropertyTests(KeqingApp app)
{
    private static readonly DateOnly Base = new(2026, 1, 1);
    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int[] MinQuantities = [1, 10, 50, 100];

    /// <summary>One tier of one list as the steps see it; <see cref="ForUs"/>: the customer's (or its group's) list, not another's.</summary>
    private sealed record Tier(int List, PriceListScope Scope, bool ForUs, DateOnly? ValidFrom, DateOnly? ValidTo, bool Active,
        DateTime CreatedAt, int MinQuantity, long Price);

    // Few lists, dates, creation times and tiers, so that ties (the hard cases) are common.
    private static readonly Gen<Tier> Tiers =
        Gen.Select(Gen.Select(Gen.Int[0, 5], Gen.Int[1, 3], Gen.Bool, Gen.Int[-1, 3], Gen.Int[-1, 3], (list, scope, forUs, from, to) => (list, scope, forUs, from, to)),
            Gen.Int[0, 2], Gen.Long[0, 1_000_000], Gen.Bool, Gen.Int[0, 3], (t, created, price, active, minIndex) =>
                new Tier(t.list, (PriceListScope)t.scope, t.forUs, t.from < 0 ? null : Base.AddMonths(t.from * 3),
                    t.to < 0 ? null : Base.AddMonths(t.to * 3 + 2), active, Created.AddDays(created), MinQuantities[minIndex], price));

    // A list's fields are the same on each of its tiers (as in the database): the first tier generated for a list sets them.
    private static List<Tier> Consistent(Tier[] tiers)
    {
        var lists = tiers.GroupBy(t => t.List).ToDictionary(g => g.Key, g => g.First());
        return tiers.Select(t => lists[t.List] with { MinQuantity = t.MinQuantity, Price = t.Price })
            .DistinctBy(t => (t.List, t.MinQuantity)).ToList();
    }

    [Fact]
    public async Task The_resolver_picks_the_tier_the_documented_steps_pick()
    {
        var asks = Gen.Select(Gen.Int[0, 15], Gen.Int[1, 120]).Array[3];
        await Gen.Select(Tiers.Array[0, 12], Gen.Bool, asks).SampleAsync(async (raw, inGroup, asked) =>
        {
            var tiers = Consistent(raw);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var (customer, otherCustomer) = (Guid.NewGuid(), Guid.NewGuid());
            var (group, otherGroup) = (new PriceGroup { Name = $"组{Guid.NewGuid():N}" }, new PriceGroup { Name = $"组{Guid.NewGuid():N}" });
            var product = new Product
            {
                Sku = $"P{Guid.NewGuid():N}", Name = "彩超", Unit = "台", ListPrice = Money.FromMinorUnits(123_456), Cost = Money.FromMinorUnits(1),
                CreatedAt = Created, UpdatedAt = Created,
            };
            db.AddRange(group, otherGroup, product);
            if (inGroup) db.Add(new PriceGroupMember { CustomerId = customer, PriceGroupId = group.Id });
            db.Add(new PriceGroupMember { CustomerId = otherCustomer, PriceGroupId = otherGroup.Id });
            // Random ids: the last tie-break (the larger id) must order the same in the database as in .NET.
            var lists = tiers.GroupBy(t => t.List).ToDictionary(g => g.Key, g =>
            {
                var t = g.First();
                return new PriceList
                {
                    Id = Guid.NewGuid(), Name = $"L{t.List}", Scope = t.Scope,
                    PriceGroupId = t.Scope == PriceListScope.Group ? (t.ForUs ? group.Id : otherGroup.Id) : null,
                    CustomerId = t.Scope == PriceListScope.Customer ? (t.ForUs ? customer : otherCustomer) : null,
                    ValidFrom = t.ValidFrom, ValidTo = t.ValidTo, Active = t.Active, CreatedAt = t.CreatedAt, UpdatedAt = t.CreatedAt,
                };
            });
            db.AddRange(lists.Values);
            db.AddRange(tiers.Select(t => new PriceListItem
                { PriceListId = lists[t.List].Id, ProductId = product.Id, MinQuantity = t.MinQuantity, UnitPrice = Money.FromMinorUnits(t.Price) }));
            await db.SaveChangesAsync();

            var resolver = scope.ServiceProvider.GetRequiredService<IPriceResolver>();
            foreach (var (month, quantity) in asked)
            {
                var date = Base.AddMonths(month);
                var expected = Documented(tiers, inGroup, date, quantity, list => lists[list].Id) is { } tier
                    ? new ResolvedPrice(Money.FromMinorUnits(tier.Price), lists[tier.List].Id, lists[tier.List].Name, tier.Scope, tier.MinQuantity)
                    : new ResolvedPrice(product.ListPrice, null, null, PriceListScope.Standard, 1);
                (await resolver.Resolve(customer, product.Id, date, quantity, CancellationToken.None)).Should().Be(expected,
                    $"on {date} for {quantity} (in the group: {inGroup}) over {string.Join("; ", tiers.Select(t => $"{t} id {lists[t.List].Id}"))}");
            }
        }, iter: 150);
    }

    /// <summary>The steps of docs/selling/prices.md, one at a time (the list id breaks the last tie).</summary>
    private static Tier? Documented(List<Tier> tiers, bool inGroup, DateOnly date, int quantity, Func<int, Guid> id)
    {
        // 1. Lists that could apply: active, valid on the date, for everyone, the customer's group or the customer.
        var lists = tiers.Where(t => t.Active && (t.ValidFrom is null || t.ValidFrom <= date) && (t.ValidTo is null || date <= t.ValidTo)
                                     && (t.Scope == PriceListScope.Standard
                                         || (t.Scope == PriceListScope.Group && inGroup && t.ForUs)
                                         || (t.Scope == PriceListScope.Customer && t.ForUs)))
            // 2. … that have a tier for the quantity.
            .Where(t => t.MinQuantity <= quantity).ToList();
        if (lists.Count == 0) return null;
        // 3. The most specific scope: customer, then group, then standard.
        var scope = lists.Max(t => t.Scope);
        lists = lists.Where(t => t.Scope == scope).ToList();
        // 4. The latest start (an open start is the earliest), 5. the latest created, 6. the largest id.
        var from = lists.Max(t => t.ValidFrom ?? DateOnly.MinValue);
        lists = lists.Where(t => (t.ValidFrom ?? DateOnly.MinValue) == from).ToList();
        var created = lists.Max(t => t.CreatedAt);
        lists = lists.Where(t => t.CreatedAt == created).ToList();
        var largest = lists.Max(t => id(t.List));
        lists = lists.Where(t => id(t.List) == largest).ToList();
        // 7. On that list, the tier with the largest first quantity not above the quantity.
        return lists.MaxBy(t => t.MinQuantity);
    }
}

public sealed class PricePrecedencePropertyTestsOnSqlite(SqliteApp app) : PricePrecedencePropertyTests(app), IClassFixture<SqliteApp>;
public sealed class PricePrecedencePropertyTestsOnPostgres(PostgresApp app) : PricePrecedencePropertyTests(app), IClassFixture<PostgresApp>;
