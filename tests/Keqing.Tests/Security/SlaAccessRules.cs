namespace Keqing.Tests.Security;

/// <summary>Valid bodies for the calendar and SLA policy rows of the access matrix (package C, session 12).</summary>
public static class SlaAccessRules
{
    /// <summary>A calendar with a name of its own each time (names are unique).</summary>
    public static object CalendarBody() => new
    {
        name = $"矩阵日历-{Guid.NewGuid():N}", timeZone = "Asia/Shanghai",
        weeklyHours = new[] { new { day = "monday", start = "09:00", end = "18:00" } },
    };

    public static readonly object PolicyBody = new { name = "矩阵策略", recordType = "service.case", resolutionMinutes = 480 };
}
