namespace Keqing.Modules.Identity.Contracts;

/// <summary>What the Identity module lets a role do (granted in <see cref="IdentityModule"/>'s manifest).</summary>
public static class IdentityCapabilities
{
    public const string ManageUsers = "identity.users.manage";
}
