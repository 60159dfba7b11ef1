namespace Keqing.Modules.Timeline.Contracts;

/// <summary>What the Timeline module lets a role do (granted in <see cref="TimelineModule"/>'s manifest).</summary>
public static class TimelineCapabilities
{
    public const string HandOver = "timeline.handover";
    public const string ManageSettings = "timeline.settings.manage";
}
