using System.Globalization;
using CsCheck;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Approvals.Features;

namespace Keqing.Tests.Approvals;

/// <summary>The engine's pure rules: a flow's conditions (all must hold) and the manager chain with its next-level fallback.</summary>
public sealed class FlowRulesTests
{
    [Theory]
    [InlineData(null, null, null, "0", "0", "B", true)]        // no conditions: every record
    [InlineData("10", null, null, "10", "0", null, false)]      // "above 10 %": 10 % is not above
    [InlineData("10", null, null, "10.01", "0", null, true)]
    [InlineData(null, "500000", null, "0", "500000", null, false)]
    [InlineData(null, "500000", null, "0", "500000.01", null, true)]
    [InlineData("10", "500000", null, "15", "100", null, false)]    // both set: both must hold
    [InlineData("10", "500000", "A,B", "15", "600000", "b", true)]
    [InlineData(null, null, "A,B", "0", "0", "C", false)]
    [InlineData(null, null, "A,B", "0", "0", null, false)]     // a grade condition on a record without grade does not hold
    public void A_flow_matches_when_every_condition_it_sets_holds(string? discountAbove, string? amountAbove, string? grades,
        string discount, string amount, string? grade, bool matches)
    {
        var flow = new ApprovalFlow
        {
            DiscountAbovePercent = discountAbove is null ? null : decimal.Parse(discountAbove, CultureInfo.InvariantCulture),
            AmountAboveMinor = amountAbove is null ? null : Money.Of(decimal.Parse(amountAbove, CultureInfo.InvariantCulture)).MinorUnits,
            AmountCurrency = amountAbove is null ? null : "CNY", CustomerGrades = grades,
        };
        FlowRules.Matches(flow, new ApprovalFacts(decimal.Parse(discount, CultureInfo.InvariantCulture),
            Money.Of(decimal.Parse(amount, CultureInfo.InvariantCulture)), grade, null)).Should().Be(matches);
    }

    [Fact]
    public void An_amount_in_another_currency_never_passes_an_amount_condition() =>
        FlowRules.Matches(new ApprovalFlow { AmountAboveMinor = 100, AmountCurrency = "CNY" }, new ApprovalFacts(null, Money.Of(1000m, "USD"), null, null))
            .Should().BeFalse();

    [Fact]
    public void Raising_a_fact_above_every_limit_a_flow_sets_never_makes_it_stop_matching()
    {
        Gen.Select(Gen.Decimal[0m, 99m], Gen.Long[0, 100_000_000], Gen.Decimal[0m, 100m], Gen.Long[0, 200_000_000]).Sample((limit, amountLimit, discount, amount) =>
        {
            var flow = new ApprovalFlow { DiscountAbovePercent = Math.Round(limit, 2), AmountAboveMinor = amountLimit, AmountCurrency = "CNY" };
            var facts = new ApprovalFacts(Math.Round(discount, 2), Money.FromMinorUnits(amount), null, null);
            var expected = facts.DiscountPercent > flow.DiscountAbovePercent && amount > amountLimit;
            return FlowRules.Matches(flow, facts) == expected
                   && (!expected || FlowRules.Matches(flow, facts with { DiscountPercent = facts.DiscountPercent + 1, Amount = Money.FromMinorUnits(amount + 1) }));
        });
    }

    [Fact]
    public void The_chain_goes_up_until_a_user_has_no_manager_heads_their_own_team_or_it_comes_round()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        FlowRules.ManagerChain(a, new Dictionary<Guid, Guid> { [a] = b, [b] = c, [c] = c }.Get).Should().Equal(b, c);
        FlowRules.ManagerChain(a, new Dictionary<Guid, Guid> { [a] = b, [b] = c, [c] = a }.Get).Should().Equal(b, c);
        FlowRules.ManagerChain(a, new Dictionary<Guid, Guid> { [a] = a }.Get).Should().BeEmpty();
        FlowRules.ManagerChain(a, new Dictionary<Guid, Guid> { [a] = b, [b] = c, [c] = d }.Get).Should().Equal(b, c, d);
    }

    [Fact]
    public void A_missing_manager_falls_to_the_nearest_active_one_above_only_when_the_step_says_next_level_up()
    {
        Guid b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        IReadOnlyList<Guid> chain = [b, c, d];
        FlowRules.ManagerAt(chain, 1, false, _ => true).Should().Be(b);
        FlowRules.ManagerAt(chain, 2, false, _ => true).Should().Be(c);
        FlowRules.ManagerAt(chain, 1, false, id => id != b).Should().BeNull();
        FlowRules.ManagerAt(chain, 1, true, id => id != b).Should().Be(c);
        FlowRules.ManagerAt(chain, 1, true, id => id == d).Should().Be(d);
        FlowRules.ManagerAt(chain, 4, true, _ => true).Should().BeNull();
        FlowRules.ManagerAt([], 1, true, _ => true).Should().BeNull();
    }

    [Fact]
    public void Whatever_the_hierarchy_the_chain_never_holds_the_submitter_or_anyone_twice()
    {
        Gen.Int[0, 7].Array[1, 8].Sample(links =>
        {
            var people = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
            var managerOf = links.Select((m, i) => (i, m)).ToDictionary(x => people[x.i], x => people[x.m]);
            var chain = FlowRules.ManagerChain(people[0], managerOf.Get);
            return !chain.Contains(people[0]) && chain.Distinct().Count() == chain.Count;
        });
    }
}

internal static class ChainLookup
{
    public static Guid? Get(this Dictionary<Guid, Guid> managers, Guid user) => managers.TryGetValue(user, out var m) ? m : null;
}
