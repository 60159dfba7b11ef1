namespace Keqing.Modules.Sla.Contracts;

/// <summary>What the Sla module lets a role do (granted in <see cref="SlaModule"/>'s manifest).</summary>
public static class SlaCapabilities
{
    /// <summary>Set up SLA policies: conditions, targets, calendar, warning point.</summary>
    public const string ManagePolicies = "sla.policies.manage";

    /// <summary>Work records that run on SLA clocks (service cases): one's own near-breach and breached ones are on one's to-do list.</summary>
    public const string WorkRecords = "sla.records.work";
}
