namespace Keqing.Modules.Imports.Contracts;

/// <summary>What the Imports module lets a role do (granted in <see cref="ImportsModule"/>'s manifest).</summary>
public static class ImportsCapabilities
{
    public const string Run = "imports.run";
    public const string SeeAll = "imports.all";
}
