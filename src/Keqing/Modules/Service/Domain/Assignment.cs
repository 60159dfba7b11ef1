using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>A skill of the admin's list (a kind and a value), given to agents and field technicians.</summary>
[RecordType("service.skill")]
public sealed class Skill : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public SkillKind Kind { get; set; }
    /// <summary>A product category's id (product line), a language code such as zh or en, a region such as 浙江.</summary>
    public string Value { get; set; } = "";
}

/// <summary>An agent's assignment profile: how many open cases they take at most, whether they are available now.</summary>
[RecordType("service.agent")]
public sealed class AgentProfile : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public int Capacity { get; set; } = AssignmentRule.DefaultCapacity;
    public bool Available { get; set; } = true;
    /// <summary>When a case last went to them automatically or from the queue (ties go to the longest ago).</summary>
    public DateTime? LastAssignedAt { get; set; }
}

/// <summary>An agent holding a skill.</summary>
public sealed class AgentSkill
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid UserId { get; set; }
    public Guid SkillId { get; set; }
}

/// <summary>A team's assignment setting: new cases of the team go automatically to an agent (or else wait in the queue).</summary>
[RecordType("service.team-assignment")]
public sealed class TeamAssignment : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid TeamId { get; set; }
    public bool AutoAssign { get; set; }
}

/// <summary>A case waiting in its team's queue for an agent to take it; taking it deletes the row (one taker wins).</summary>
public sealed class QueuedCase
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    public Guid TeamId { get; set; }
    public DateTime QueuedAt { get; set; }
}

/// <summary>A skill as the rule compares them.</summary>
public readonly record struct SkillKey(SkillKind Kind, string Value);

/// <summary>An agent the rule may choose: their availability, capacity, open cases, last assignment and skills.</summary>
public sealed record AgentCandidate(Guid UserId, bool Available, int Capacity, int OpenCases, DateTime? LastAssignedAt, IReadOnlySet<SkillKey> Skills);

/// <summary>
/// Who gets a new case (DOMAIN V3). A case needs skills; each need is met by any one of its alternatives (a product
/// line is met by the product's category or any category above it). Among the agents who are available, below their
/// capacity and meet every need, the one with the fewest open cases; ties go to the one whose last assignment is the
/// longest ago (never assigned first), then by id so the choice is deterministic. Nobody fits: null (the team queue).
/// </summary>
public static class AssignmentRule
{
    public const int DefaultCapacity = 10;
    public const int MaxCapacity = 1000;

    public static bool Fits(AgentCandidate agent, IReadOnlyList<IReadOnlySet<SkillKey>> needs) =>
        agent.Available && agent.OpenCases < agent.Capacity && needs.All(need => need.Count == 0 || need.Overlaps(agent.Skills));

    public static AgentCandidate? Pick(IEnumerable<AgentCandidate> agents, IReadOnlyList<IReadOnlySet<SkillKey>> needs) =>
        agents.Where(a => Fits(a, needs))
            .OrderBy(a => a.OpenCases)
            .ThenBy(a => a.LastAssignedAt ?? DateTime.MinValue)
            .ThenBy(a => a.UserId)
            .FirstOrDefault();
}
