using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>The designed access of the Pools endpoints on a customer (ADR 0080).</summary>
public static class PoolsAccessRules
{
    /// <summary>Releasing to a pool: record access first (404), then the owner or an admin (a manager who sees it: 403).</summary>
    public static readonly AccessRule Releases = (role, relation) =>
        EndpointTable.Sees(role, relation) is not Expect.Allowed ? EndpointTable.Sees(role, relation)
        : role == Roles.Admin || relation == Relation.Own ? Expect.Allowed : Expect.Forbidden;

    /// <summary>Locking and unlocking: record access first (404), then an admin or a manager of the customer's team (a rep: 403).</summary>
    public static readonly AccessRule Locks = (role, relation) =>
        EndpointTable.Sees(role, relation) is not Expect.Allowed ? EndpointTable.Sees(role, relation)
        : role == Roles.Admin || Roles.Managers.Contains(role!) ? Expect.Allowed : Expect.Forbidden;

    public static object Pool() => new { name = "测试公海", dailyClaimQuota = 5, reclaimWaitDays = 7, members = Array.Empty<object>(), rules = Array.Empty<object>() };
}
