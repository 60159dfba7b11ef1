namespace Keqing.Modules.Service.Contracts;

/// <summary>Who sets up assignment (granted in <see cref="ServiceModule"/>'s manifest).</summary>
public static class AssignmentCapabilities
{
    /// <summary>Edit the skill list, give agents their skills and capacity, turn a team's auto-assignment on or off.</summary>
    public const string Manage = "service.assignment.manage";
}
