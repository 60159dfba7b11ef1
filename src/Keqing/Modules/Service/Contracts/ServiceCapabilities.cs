namespace Keqing.Modules.Service.Contracts;

/// <summary>What the Service module lets a role do (granted in <see cref="ServiceModule"/>'s manifest).</summary>
public static class ServiceCapabilities
{
    /// <summary>
    /// Open cases, reply, add notes, resolve, close, reopen, link and merge the cases one may see: one's own, those of
    /// one's team's queue (a service agent works every case of their team), a manager's teams', every case for an admin.
    /// </summary>
    public const string Work = "service.cases.work";
    /// <summary>Give a case to someone else (in a team one manages; any team for an admin).</summary>
    public const string Manage = "service.cases.manage";
    /// <summary>Edit the case category tree.</summary>
    public const string ManageCategories = "service.categories.manage";
}
