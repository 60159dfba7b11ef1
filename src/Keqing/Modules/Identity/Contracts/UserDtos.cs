namespace Keqing.Modules.Identity.Contracts;

/// <summary>A user as the API and the admin pages show it.</summary>
public sealed record UserDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId,
    bool IsActive, long Version, DateTime CreatedAt);

/// <summary>A team with its manager.</summary>
public sealed record TeamDto(Guid Id, string Name, Guid? ManagerId, long Version, DateTime CreatedAt);
