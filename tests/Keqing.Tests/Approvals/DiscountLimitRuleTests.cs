using System.Globalization;
using CsCheck;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Approvals.Features;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Tests.Approvals;

/// <summary>
/// The discount-limit rules, pure: where a submission goes (a matching flow, the submitter's-manager step when no flow
/// matches a discount above the submitter's limit, else approved at once), and a user's limit from their roles and their own.
/// </summary>
public sealed class DiscountLimitRuleTests
{
    private static readonly Gen<decimal?> Percent = Gen.Frequency((1, Gen.Const((decimal?)null)), (4, Gen.Int[0, 10000].Select(i => (decimal?)(i / 100m))));

    [Fact]
    public void A_discount_above_the_submitters_limit_is_never_approved_at_once()
    {
        var flows = Gen.Select(Percent, Gen.Bool, Gen.Int[0, 3]).Array[0, 4];
        Gen.Select(Percent, Percent, flows).Sample((discount, limit, shapes) =>
        {
            var list = shapes.Select(s => new ApprovalFlow { DiscountAbovePercent = s.Item1, DiscountAboveSubmitterLimit = s.Item2, Priority = s.Item3 }).ToList();
            var facts = new ApprovalFacts(discount, null, null, null, limit);
            var (flow, limitStep) = FlowRules.Route(list, facts);
            var above = discount is { } d && limit is { } l && d > l;
            var firstMatch = list.FirstOrDefault(f => FlowRules.Matches(f, facts));
            return flow == firstMatch                               // the first matching flow, as before
                   && limitStep == (firstMatch is null && above)    // no flow and above the limit: the safety step
                   && (flow is not null || limitStep || !above);    // so above the limit, never nothing
        });
    }

    [Theory]
    [InlineData("20", "5", false, true)]
    [InlineData("5", "5", false, false)]        // at the limit is within it
    [InlineData("20", null, false, false)]      // no limit
    [InlineData("20", "5", true, false)]        // a flow "above the submitter's limit" catches it: no extra step
    [InlineData("3", "5", true, false)]         // within the limit: the flow does not match, approved at once
    public void The_flow_condition_and_the_safety_step(string discount, string? limit, bool flowOnLimit, bool limitStep)
    {
        var flows = flowOnLimit ? new[] { new ApprovalFlow { DiscountAboveSubmitterLimit = true } } : [];
        var facts = new ApprovalFacts(decimal.Parse(discount, CultureInfo.InvariantCulture), null, null, null,
            limit is null ? null : decimal.Parse(limit, CultureInfo.InvariantCulture));
        var route = FlowRules.Route(flows, facts);
        route.LimitStep.Should().Be(limitStep);
        (route.Flow is not null).Should().Be(flowOnLimit && facts.AboveDiscountLimit);
    }

    [Fact]
    public void A_users_limit_is_their_own_else_their_most_generous_selling_role()
    {
        DiscountLimits.Resolve(true, 8m, [5m, 15m]).Should().Be(8m);
        DiscountLimits.Resolve(true, null, [5m]).Should().BeNull();
        DiscountLimits.Resolve(false, null, [5m, 15m]).Should().Be(15m);
        DiscountLimits.Resolve(false, null, [5m, null]).Should().BeNull();
        DiscountLimits.Resolve(false, null, []).Should().BeNull();
        Gen.Select(Percent.Array[1, 4], Gen.Bool, Percent).Sample((roles, hasOwn, own) =>
        {
            var limit = DiscountLimits.Resolve(hasOwn, own, roles);
            return hasOwn ? limit == own : roles.Any(r => r is null) ? limit is null : limit == roles.Max() && roles.All(r => r <= limit);
        });
    }
}
