namespace Keqing.Modules.Calendar.Contracts;

/// <summary>The company calendar as the API shows and takes it; <see cref="Version"/> is also the ETag (0: the shipped defaults).</summary>
public sealed record CalendarDto(
    string TimeZone,
    IReadOnlyList<WeekdayHoursDto>? WeeklyHours,
    IReadOnlyList<CalendarDayDto>? Holidays,
    IReadOnlyList<CalendarDayDto>? MakeUpWorkdays,
    long Version = 0);

/// <summary>The hours of one working weekday: 09:00–18:00 with a break 12:00–13:00; end 00:00 is midnight.</summary>
public sealed record WeekdayHoursDto(DayOfWeek Day, TimeOnly Start, TimeOnly End, TimeOnly? BreakStart = null, TimeOnly? BreakEnd = null);

/// <summary>A holiday, or a make-up working day (调休), with an optional name (春节).</summary>
public sealed record CalendarDayDto(DateOnly Date, string? Name = null);
