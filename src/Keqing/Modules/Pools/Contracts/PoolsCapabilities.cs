namespace Keqing.Modules.Pools.Contracts;

/// <summary>The capabilities of the Pools module (公海).</summary>
public static class PoolsCapabilities
{
    /// <summary>Create and change pools: members, pool administrators, recycle rules per grade, claim quota and reclaim wait.</summary>
    public const string Manage = "pools.manage";
}
