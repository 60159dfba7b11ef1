namespace Keqing.Modules.Notifications.Contracts;

/// <summary>What the Notifications module lets a role do (granted in <see cref="NotificationsModule"/>'s manifest).</summary>
public static class NotificationsCapabilities
{
    public const string ManageRobots = "notifications.robots.manage";
}
