namespace Keqing.Modules.Service.Contracts;

/// <summary>The service intake team (ADR 0110): none means self-service cases stay with the customer owner's team.</summary>
public sealed record IntakeSettingDto(Guid? TeamId, string? TeamName, long Version);

/// <summary>What setting the intake team sends: a team's id, or none to go back to the customer owner's team.</summary>
public sealed record IntakeSettingInput(Guid? TeamId);
