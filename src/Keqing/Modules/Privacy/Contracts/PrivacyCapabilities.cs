namespace Keqing.Modules.Privacy.Contracts;

/// <summary>What the Privacy module lets a role do (granted in <see cref="PrivacyModule"/>'s manifest).</summary>
public static class PrivacyCapabilities
{
    public const string Manage = "privacy.manage";
    public const string SubjectRequests = "privacy.subject-requests";
}
