using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Leads.Contracts;

namespace Keqing.Modules.Leads.Domain;

/// <summary>
/// An ordered assignment rule (DOMAIN M5): a lead matching every condition given (empty lists match anything) goes to
/// a user, round-robin over a team, or to the team member with the fewest open leads. The first matching rule wins.
/// </summary>
[RecordType("leads.assignment-rule")]
public sealed class LeadAssignmentRule : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public List<LeadSource> Sources { get; set; } = [];
    public List<string> Provinces { get; set; } = [];
    public List<string> Cities { get; set; } = [];
    public List<string> Industries { get; set; } = [];
    public List<CompanySize> CompanySizes { get; set; } = [];
    public AssignmentTarget Target { get; set; }
    public Guid? UserId { get; set; }
    public Guid? TeamId { get; set; }
    /// <summary>The member a round-robin gave the last lead to.</summary>
    public Guid? LastAssignedUserId { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A scoring rule (DOMAIN S1): profile rules look at a field (industry is, region is, title contains, company size is,
/// has a credit code); behaviour rules at what the lead did (form submitted, event attended, replied, opened, clicked),
/// each time for <see cref="Points"/>, optionally losing <see cref="DecayPercentPer30Days"/> per 30 days since.
/// </summary>
[RecordType("leads.scoring-rule")]
public sealed class LeadScoringRule : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Name { get; set; } = "";
    public ScoringRuleKind Kind { get; set; }
    /// <summary>Profile: <c>industry</c>, <c>province</c>, <c>city</c>, <c>title</c>, <c>companySize</c>, <c>creditCode</c>.</summary>
    public string? Field { get; set; }
    /// <summary>Profile: <c>is</c> (one of the values), <c>contains</c> (any of the values), <c>present</c>.</summary>
    public string? Operator { get; set; }
    public List<string> Values { get; set; } = [];
    /// <summary>Behaviour: what the lead did.</summary>
    public LeadActivityKind? Activity { get; set; }
    public int Points { get; set; }
    public int? DecayPercentPer30Days { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A reason an admin lists for disqualifying a lead (DOMAIN S1).</summary>
[RecordType("leads.disqualify-reason")]
public sealed class DisqualifyReason : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public string Text { get; set; } = "";
    public int Order { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>The company's lead settings: the response target in business time and the hot score threshold.</summary>
[RecordType("leads.settings")]
public sealed class LeadSettings : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>How long an owner has to answer a new lead, in business minutes (default 4 business hours).</summary>
    public int ResponseMinutes { get; set; } = 240;
    /// <summary>A lead at or above this score is hot; its owner is told when it crosses.</summary>
    public int HotScore { get; set; } = 60;
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
