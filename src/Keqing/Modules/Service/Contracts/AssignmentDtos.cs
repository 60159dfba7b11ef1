namespace Keqing.Modules.Service.Contracts;

/// <summary>What a skill is about: a product line (a product category's id as its value), a language, a region.</summary>
public enum SkillKind { ProductLine, Language, Region }

/// <summary>A skill of the admin's list, and how many agents hold it.</summary>
public sealed record SkillDto(Guid Id, SkillKind Kind, string Value, string Label, int Holders);

/// <summary>A skill to add: for a product line the value is the product category's id.</summary>
public sealed record SkillInput(SkillKind? Kind, string? Value);

/// <summary>An agent's (or field technician's) assignment profile: skills, capacity (most open cases), availability.</summary>
public sealed record AgentProfileDto(Guid UserId, string Name, Guid? TeamId, int Capacity, bool Available, int OpenCases,
    DateTime? LastAssignedAt, IReadOnlyList<SkillDto> Skills);

/// <summary>What an admin sets for an agent; the skill list replaces the agent's.</summary>
public sealed record AgentProfileInput(int? Capacity, bool? Available, IReadOnlyList<Guid>? SkillIds);

/// <summary>An agent marks themselves available or away.</summary>
public sealed record AvailabilityInput(bool? Available);

/// <summary>Whether new cases of a team are assigned automatically.</summary>
public sealed record TeamAssignmentDto(Guid TeamId, string Name, bool AutoAssign);

public sealed record TeamAssignmentInput(bool? AutoAssign);

/// <summary>A case waiting in its team's queue, since when.</summary>
public sealed record QueuedCaseDto(Guid CaseId, string Number, string Subject, CaseType Type, CasePriority Priority, Guid CustomerId,
    string CustomerName, DateTime QueuedAt);

/// <summary>Take this case from the queue, or (null) the oldest one.</summary>
public sealed record TakeCaseInput(Guid? CaseId);
