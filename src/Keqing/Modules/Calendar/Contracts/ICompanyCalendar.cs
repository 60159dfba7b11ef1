namespace Keqing.Modules.Calendar.Contracts;

/// <summary>The company's business-hours calendar, for response clocks, SLAs and recycle rules in other modules.</summary>
public interface ICompanyCalendar
{
    /// <summary>The calculator of the calendar in force (read once per scope).</summary>
    Task<BusinessCalendar> Current(CancellationToken ct);

    /// <summary>When <paramref name="businessTime"/> of working time from now runs out: a response or SLA clock's due time.</summary>
    Task<DateTimeOffset> DueAfter(TimeSpan businessTime, CancellationToken ct);
}
