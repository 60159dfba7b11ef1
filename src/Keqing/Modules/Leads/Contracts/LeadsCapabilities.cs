namespace Keqing.Modules.Leads.Contracts;

/// <summary>What the Leads module lets a role do (granted in <see cref="LeadsModule"/>'s manifest).</summary>
public static class LeadsCapabilities
{
    /// <summary>Create, edit, contact, qualify, disqualify and convert the leads one may see (record access decides which).</summary>
    public const string Work = "leads.work";
    /// <summary>Build web-to-lead forms.</summary>
    public const string ManageForms = "leads.forms.manage";
    /// <summary>Set assignment and scoring rules, disqualification reasons and the response target.</summary>
    public const string ManageRules = "leads.rules.manage";
    /// <summary>Read the lead response report.</summary>
    public const string Reports = "leads.reports";
}
