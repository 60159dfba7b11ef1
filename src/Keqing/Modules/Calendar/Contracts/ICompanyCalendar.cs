namespace Keqing.Modules.Calendar.Contracts;

/// <summary>The company's business-hours calendars, for response clocks, SLAs and recycle rules in other modules.</summary>
public interface ICompanyCalendar
{
    /// <summary>The calculator of the default calendar (read once per scope).</summary>
    Task<BusinessCalendar> Current(CancellationToken ct);

    /// <summary>When <paramref name="businessTime"/> of working time from now runs out: a response or SLA clock's due time.</summary>
    Task<DateTimeOffset> DueAfter(TimeSpan businessTime, CancellationToken ct);

    /// <summary>The calculator of one calendar (read once per scope); null when there is no such calendar.</summary>
    Task<BusinessCalendar?> Find(Guid calendarId, CancellationToken ct);

    /// <summary>Every calendar, the default one first, then by name: for pickers.</summary>
    Task<IReadOnlyList<CalendarSummaryDto>> List(CancellationToken ct);
}

/// <summary>
/// An extension point: a module whose records name a calendar (SLA policies) says whether one is in use, so that
/// <c>DELETE /api/calendars/{id}</c> refuses to remove it (409).
/// </summary>
public interface ICalendarUsage
{
    Task<bool> Uses(Guid calendarId, CancellationToken ct);
}

/// <summary>Well-known calendars.</summary>
public static class Calendars
{
    /// <summary>The default company calendar's id (the one <c>/api/calendar</c> reads and writes).</summary>
    public static readonly Guid DefaultId = new("ca1e0da0-0000-4000-8000-000000000001");
}
