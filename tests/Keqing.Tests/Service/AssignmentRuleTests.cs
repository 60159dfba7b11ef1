using CsCheck;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;

namespace Keqing.Tests.Service;

/// <summary>
/// The pure assignment rule over random teams: it never picks an away or full agent or one lacking a needed skill,
/// picks one with the fewest open cases among those who fit (the longest since their last assignment among those), and
/// picks nobody only when nobody fits.
/// </summary>
public sealed class AssignmentRuleTests
{
    private static readonly SkillKey[] Keys =
    [
        new(SkillKind.ProductLine, "超声"), new(SkillKind.ProductLine, "探头"), new(SkillKind.Language, "粤语"), new(SkillKind.Region, "浙江"),
    ];

    private static readonly Gen<IReadOnlySet<SkillKey>> SkillSet =
        Gen.Bool.Array[Keys.Length].Select(bits => (IReadOnlySet<SkillKey>)Keys.Where((_, i) => bits[i]).ToHashSet());

    private static readonly Gen<AgentCandidate> Agent = Gen.Select(Gen.Guid, Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 6],
        Gen.Int[-1, 4], SkillSet, (id, available, capacity, open, minutesAgo, skills) =>
        new AgentCandidate(id, available, capacity, open, minutesAgo < 0 ? null : new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc).AddMinutes(-minutesAgo), skills));

    private static readonly Gen<IReadOnlyList<IReadOnlySet<SkillKey>>> Needs = SkillSet.List[0, 2].Select(l => (IReadOnlyList<IReadOnlySet<SkillKey>>)l);

    [Fact]
    public void The_pick_fits_is_least_loaded_and_waited_longest_and_nobody_only_when_nobody_fits()
    {
        Gen.Select(Agent.List[0, 8], Needs).Sample((agents, needs) =>
        {
            var picked = AssignmentRule.Pick(agents, needs);
            var fitting = agents.Where(a => a.Available && a.OpenCases < a.Capacity && needs.All(n => n.Count == 0 || n.Overlaps(a.Skills))).ToList();
            if (picked is null) return fitting.Count == 0;
            var waited = picked.LastAssignedAt ?? DateTime.MinValue;
            return picked.Available && picked.OpenCases < picked.Capacity
                && needs.All(n => n.Count == 0 || n.Any(picked.Skills.Contains))
                && fitting.All(a => a.OpenCases >= picked.OpenCases)
                && fitting.Where(a => a.OpenCases == picked.OpenCases).All(a => (a.LastAssignedAt ?? DateTime.MinValue) >= waited);
        });
    }

    [Fact]
    public void An_agent_away_or_at_capacity_is_never_picked_even_alone()
    {
        var skills = new HashSet<SkillKey> { Keys[0] };
        AssignmentRule.Pick([new AgentCandidate(Guid.NewGuid(), false, 5, 0, null, skills)], []).Should().BeNull();
        AssignmentRule.Pick([new AgentCandidate(Guid.NewGuid(), true, 2, 2, null, skills)], []).Should().BeNull();
        AssignmentRule.Pick([new AgentCandidate(Guid.NewGuid(), true, 2, 1, null, skills)], [new HashSet<SkillKey> { Keys[1] }]).Should().BeNull();
        AssignmentRule.Pick([new AgentCandidate(Guid.NewGuid(), true, 2, 1, null, skills)], [new HashSet<SkillKey> { Keys[1], Keys[0] }]).Should().NotBeNull();
    }
}
