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

/// <summary>One of the company's calendars in a list; <see cref="Version"/> is its ETag (0: the default calendar's shipped defaults).</summary>
public sealed record CalendarSummaryDto(Guid Id, string Name, bool IsDefault, string TimeZone, int Holidays, int MakeUpWorkdays, long Version);

/// <summary>One of the company's calendars with its hours, holidays and make-up working days.</summary>
public sealed record NamedCalendarDto(
    Guid Id, string Name, bool IsDefault, string TimeZone,
    IReadOnlyList<WeekdayHoursDto> WeeklyHours, IReadOnlyList<CalendarDayDto> Holidays, IReadOnlyList<CalendarDayDto> MakeUpWorkdays,
    long Version);

/// <summary>A calendar as <c>POST</c> and <c>PUT /api/calendars</c> take it.</summary>
public sealed record CalendarInput(
    string? Name, string? TimeZone,
    IReadOnlyList<WeekdayHoursDto>? WeeklyHours, IReadOnlyList<CalendarDayDto>? Holidays, IReadOnlyList<CalendarDayDto>? MakeUpWorkdays);
