using Keqing.Infrastructure.Web;
using Keqing.Modules.Sla.Contracts;
using MudBlazor;

namespace Keqing.Modules.Service.Pages;

/// <summary>How the case pages name an SLA clock's states and targets, and colour them.</summary>
public static class CaseSlaText
{
    [TextKeys]
    public static string State(SlaState s) => s switch
    {
        SlaState.Running => "On track",
        SlaState.Paused => "Paused",
        SlaState.Warned => "Near breach",
        SlaState.Breached => "Breached",
        SlaState.Met => "Met",
        _ => "Stopped",
    };

    public static Color StateColor(SlaState s) => s switch
    {
        SlaState.Running => Color.Success,
        SlaState.Warned => Color.Warning,
        SlaState.Breached => Color.Error,
        SlaState.Met => Color.Info,
        _ => Color.Default,
    };

    [TextKeys]
    public static string Target(SlaTarget t) => t == SlaTarget.FirstResponse ? "First response" : "Resolution";

    [TextKeys]
    public static string Risk(SlaRisk r) => r == SlaRisk.NearBreach ? "Near breach" : "Breached";
}
