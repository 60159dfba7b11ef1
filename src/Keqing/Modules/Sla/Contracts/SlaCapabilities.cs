namespace Keqing.Modules.Sla.Contracts;

/// <summary>What the Sla module lets a role do (granted in <see cref="SlaModule"/>'s manifest).</summary>
public static class SlaCapabilities
{
    /// <summary>Set up SLA policies: conditions, targets, calendar, warning point.</summary>
    public const string ManagePolicies = "sla.policies.manage";
}
