namespace Keqing.Modules.Calendar.Contracts;

/// <summary>What the Calendar module lets a role do (granted in <see cref="CalendarModule"/>'s manifest).</summary>
public static class CalendarCapabilities
{
    public const string Manage = "calendar.manage";
}
