using CsCheck;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Features;

namespace Keqing.Tests.Products;

/// <summary>
/// The price precedence over any lists (docs/selling/prices.md): for a customer × date × quantity exactly one tier
/// applies whatever order the lists come in, and it is the one the documented steps pick, written out step by step here.
/// </summary>
public sealed class PricePrecedencePropertyTests
{
    private static readonly Guid Customer = new(1, 0, 0, new byte[8]);
    private static readonly Guid OtherCustomer = new(2, 0, 0, new byte[8]);
    private static readonly Guid Group = new(0, 1, 0, new byte[8]);
    private static readonly Guid OtherGroup = new(0, 2, 0, new byte[8]);
    private static readonly DateOnly Base = new(2026, 1, 1);
    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Few distinct dates, creation times and tiers, so that ties (the hard cases) are common.
    private static readonly Gen<PriceCandidate> Tiers =
        Gen.Select(Gen.Select(Gen.Int[0, 5], Gen.Int[1, 3], Gen.Int[0, 3], Gen.Int[-1, 3], Gen.Int[-1, 3], (list, scope, target, from, to) => (list, scope, target, from, to)),
            Gen.Int[0, 2], Gen.Long[0, 1_000_000], Gen.Bool, Gen.Int[0, 3], (t, created, price, active, minIndex) =>
                new PriceCandidate(new Guid(0, 0, (short)t.list, new byte[8]), $"L{t.list}", (PriceListScope)t.scope,
                    t.scope == 2 ? (t.target % 2 == 0 ? Group : OtherGroup) : null,
                    t.scope == 3 ? (t.target % 2 == 0 ? Customer : OtherCustomer) : null,
                    t.from < 0 ? null : Base.AddMonths(t.from * 3), t.to < 0 ? null : Base.AddMonths(t.to * 3 + 2),
                    active, Created.AddDays(created), new[] { 1, 10, 50, 100 }[minIndex], Money.FromMinorUnits(price)));

    // A list's fields are the same on each of its tiers (as in the database): the first tier generated for a list id sets them.
    private static List<PriceCandidate> Consistent(PriceCandidate[] tiers)
    {
        var lists = tiers.GroupBy(t => t.ListId).ToDictionary(g => g.Key, g => g.First());
        return tiers.Select(t => lists[t.ListId] with { MinQuantity = t.MinQuantity, UnitPrice = t.UnitPrice })
            .DistinctBy(t => (t.ListId, t.MinQuantity)).ToList();
    }

    [Fact]
    public void Exactly_one_tier_applies_in_any_order_and_it_is_the_documented_one()
    {
        Gen.Select(Tiers.Array[0, 12], Gen.Int[0, 15], Gen.Int[1, 120], Gen.Bool).Sample((raw, month, quantity, inGroup) =>
        {
            var tiers = Consistent(raw);
            var date = Base.AddMonths(month);
            Guid? group = inGroup ? Group : null;
            var chosen = PriceResolver.Choose(tiers, Customer, group, date, quantity);
            var reversed = PriceResolver.Choose(Enumerable.Reverse(tiers).ToList(), Customer, group, date, quantity);
            var shuffled = PriceResolver.Choose(tiers.OrderBy(t => t.UnitPrice.MinorUnits).ThenBy(t => t.ListName).ToList(), Customer, group, date, quantity);
            reversed.Should().Be(chosen);
            shuffled.Should().Be(chosen);
            chosen.Should().Be(Documented(tiers, group, date, quantity));
        }, iter: 2_000);
    }

    /// <summary>The steps of docs/selling/prices.md, one at a time.</summary>
    private static PriceCandidate? Documented(List<PriceCandidate> tiers, Guid? group, DateOnly date, int quantity)
    {
        // 1. Lists that could apply: active, valid on the date, for everyone, the customer's group or the customer.
        var lists = tiers.Where(t => t.Active && (t.ValidFrom is null || t.ValidFrom <= date) && (t.ValidTo is null || date <= t.ValidTo)
                                     && (t.Scope == PriceListScope.Standard
                                         || (t.Scope == PriceListScope.Group && group is not null && t.PriceGroupId == group)
                                         || (t.Scope == PriceListScope.Customer && t.CustomerId == Customer)))
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
        var id = lists.Max(t => t.ListId);
        lists = lists.Where(t => t.ListId == id).ToList();
        // 7. On that list, the tier with the largest first quantity not above the quantity.
        return lists.MaxBy(t => t.MinQuantity);
    }
}
