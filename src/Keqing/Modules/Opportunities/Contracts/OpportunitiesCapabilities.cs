namespace Keqing.Modules.Opportunities.Contracts;

/// <summary>What the Opportunities module lets a role do (granted in <see cref="OpportunitiesModule"/>'s manifest).</summary>
public static class OpportunitiesCapabilities
{
    /// <summary>Create, edit, move, win and lose the opportunities one may see (record access decides which).</summary>
    public const string Work = "opportunities.work";
    /// <summary>Set up pipelines and their stages, and the won and lost reason lists.</summary>
    public const string ManagePipelines = "opportunities.pipelines.manage";
    /// <summary>Read the forecast of what one may see (one's own; a manager's teams; everything for an admin or analyst).</summary>
    public const string Forecast = "opportunities.forecast";
    /// <summary>Read the forecast of every team, not only one's own and one's managed teams' (admin, analyst).</summary>
    public const string ForecastAll = "opportunities.forecast.all";
    /// <summary>See who should take a deal and give it to them.</summary>
    public const string Assign = "opportunities.assign";
}
