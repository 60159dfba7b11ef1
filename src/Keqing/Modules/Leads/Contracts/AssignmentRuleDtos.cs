namespace Keqing.Modules.Leads.Contracts;

/// <summary>An assignment rule as the admin API and page show it; <see cref="Version"/> is its ETag.</summary>
public sealed record AssignmentRuleDto(
    Guid Id, int Order, string Name, IReadOnlyList<LeadSource> Sources, IReadOnlyList<string> Provinces,
    IReadOnlyList<string> Cities, IReadOnlyList<string> Industries, IReadOnlyList<CompanySize> CompanySizes,
    AssignmentTarget Target, Guid? UserId, Guid? TeamId, Guid? LastAssignedUserId, bool Active, DateTime UpdatedAt, long Version);

/// <summary>
/// What the admin sends to create or change an assignment rule: conditions (an empty or missing list matches any
/// lead) and a target: <c>user</c> with <see cref="UserId"/>, or <c>teamRoundRobin</c> / <c>teamFewestOpen</c> with <see cref="TeamId"/>.
/// </summary>
public sealed record AssignmentRuleInput(
    string? Name, IReadOnlyList<LeadSource>? Sources, IReadOnlyList<string>? Provinces, IReadOnlyList<string>? Cities,
    IReadOnlyList<string>? Industries, IReadOnlyList<CompanySize>? CompanySizes, AssignmentTarget? Target,
    Guid? UserId, Guid? TeamId, bool Active = true);

/// <summary>The new order of the rules: every rule's id exactly once, first rule first.</summary>
public sealed record AssignmentRuleOrder(IReadOnlyList<Guid>? Ids);

/// <summary>The company's lead settings (GET and PUT /api/lead-settings); <see cref="Version"/> is the ETag (0: the defaults).</summary>
public sealed record LeadSettingsDto(int ResponseMinutes, int HotScore, long Version = 0);
