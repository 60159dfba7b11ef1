using CsCheck;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;

namespace Keqing.Tests.Leads;

/// <summary>The pure part of lead assignment, on random rules and leads: which rule matches, whose turn it is, who has fewest.</summary>
public sealed class LeadAssignmentRulesTests
{
    private static readonly string[] Provinces = ["广东", "浙江", "北京"];
    private static readonly string[] Cities = ["广州", "深圳", "杭州", "北京"];
    private static readonly string[] Industries = ["医院", "制造", "教育"];

    private static Gen<List<T>> Subset<T>(T[] values) => Gen.Bool.Array[values.Length].Select(pick => values.Where((_, i) => pick[i]).ToList());

    private static readonly Gen<LeadAssignmentRule> Rule = Gen.Select(
        Gen.Select(Subset(Enum.GetValues<LeadSource>()), Subset(Provinces), Subset(Cities), Subset(Industries)),
        Subset(Enum.GetValues<CompanySize>()), Gen.Int[0, 5], Gen.Int[0, 9])
        .Select((conditions, sizes, order, activeDie) => new LeadAssignmentRule
        {
            Sources = conditions.Item1, Provinces = conditions.Item2, Cities = conditions.Item3, Industries = conditions.Item4,
            CompanySizes = sizes, Order = order, Active = activeDie > 1,
        });

    private static readonly Gen<Lead> ALead = Gen.Select(Gen.Enum<LeadSource>(), Gen.OneOf<string?>([.. Provinces, null]),
        Gen.OneOf<string?>([.. Cities, null]), Gen.OneOf<string?>([.. Industries, null]), Gen.Enum<CompanySize>())
        .Select((source, province, city, industry, size) => new Lead
        {
            Source = source, Province = province, City = city, Industry = industry, CompanySize = size,
        });

    [Fact]
    public void The_first_active_matching_rule_wins_and_no_earlier_active_rule_matches() =>
        Gen.Select(Rule.List[0, 8], ALead).Sample((rules, lead) =>
        {
            var chosen = LeadAssignment.FirstMatch(rules, lead);
            var ordered = rules.Where(r => r.Active).OrderBy(r => r.Order).ThenBy(r => r.Id).ToList();
            if (chosen is null)
            {
                ordered.Should().NotContain(r => LeadAssignment.Matches(r, lead));
                return;
            }
            chosen.Active.Should().BeTrue();
            LeadAssignment.Matches(chosen, lead).Should().BeTrue();
            ordered.TakeWhile(r => r != chosen).Should().NotContain(r => LeadAssignment.Matches(r, lead));
        }, iter: 500);

    [Fact]
    public void A_rule_matches_exactly_when_each_condition_it_sets_holds_the_leads_value() =>
        Gen.Select(Rule, ALead).Sample((rule, lead) =>
        {
            var expected = (rule.Sources.Count == 0 || rule.Sources.Contains(lead.Source))
                           && (rule.Provinces.Count == 0 || rule.Provinces.Contains(lead.Province!))
                           && (rule.Cities.Count == 0 || rule.Cities.Contains(lead.City!))
                           && (rule.Industries.Count == 0 || rule.Industries.Contains(lead.Industry!))
                           && (rule.CompanySizes.Count == 0 || rule.CompanySizes.Contains(lead.CompanySize));
            LeadAssignment.Matches(rule, lead).Should().Be(expected);
        }, iter: 500);

    [Fact]
    public void Text_conditions_ignore_case_and_spaces_and_an_empty_rule_matches_any_lead()
    {
        var rule = new LeadAssignmentRule { Industries = ["Hospital"], Cities = ["广州"] };
        LeadAssignment.Matches(rule, new Lead { Industry = " hospital ", City = "广州" }).Should().BeTrue();
        LeadAssignment.Matches(rule, new Lead { Industry = "hospital", City = null }).Should().BeFalse("a missing value never matches a set condition");
        Gen.Select(ALead, Gen.Int[0, 9]).Sample((lead, order) =>
            LeadAssignment.FirstMatch([new LeadAssignmentRule { Order = order }], lead).Should().NotBeNull());
        LeadAssignment.FirstMatch([new LeadAssignmentRule { Active = false }], new Lead()).Should().BeNull("an inactive rule never matches");
    }

    [Fact]
    public void Round_robin_gives_every_member_one_turn_per_round_whatever_the_last_one_was() =>
        Gen.Select(Gen.Guid.HashSet[1, 8], Gen.Guid, Gen.Bool).Sample((set, stranger, fromMember) =>
        {
            var members = set.ToList();
            Guid? last = fromMember ? members[0] : stranger;
            var turns = new List<Guid>();
            for (var i = 0; i < members.Count; i++)
            {
                var next = LeadAssignment.NextInTurn(members, last);
                turns.Add(next);
                last = next;
            }
            turns.Should().BeEquivalentTo(members, "each member once per round");
            LeadAssignment.NextInTurn(members, last).Should().Be(turns[0], "the next round starts where the last began");
            LeadAssignment.NextInTurn(members, null).Should().Be(members.Order().First());
        }, iter: 300);

    [Fact]
    public void Fewest_open_gives_a_member_with_the_smallest_count() =>
        Gen.Select(Gen.Guid.HashSet[1, 8], Gen.Int[0, 20].Array[8]).Sample((set, counts) =>
        {
            var members = set.ToList();
            var open = members.Select((m, i) => (m, counts[i])).Where(x => x.Item2 > 0).ToDictionary(x => x.m, x => x.Item2);
            var chosen = LeadAssignment.Fewest(members, open);
            members.Should().Contain(chosen);
            members.Should().OnlyContain(m => open.GetValueOrDefault(m) >= open.GetValueOrDefault(chosen));
        }, iter: 300);
}
