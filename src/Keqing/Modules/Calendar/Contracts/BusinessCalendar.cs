namespace Keqing.Modules.Calendar.Contracts;

/// <summary>The working hours of one weekday, with an optional break (lunch); <c>End</c> 00:00 means midnight at the day's end.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, TimeOnly? BreakStart = null, TimeOnly? BreakEnd = null)
{
    public TimeSpan EndOfDay => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();

    /// <summary>The working stretches of the day, as offsets from local midnight.</summary>
    public IEnumerable<(TimeSpan From, TimeSpan To)> Stretches()
    {
        if (BreakStart is { } b && BreakEnd is { } e)
        {
            yield return (Start.ToTimeSpan(), b.ToTimeSpan());
            yield return (e.ToTimeSpan(), EndOfDay);
        }
        else yield return (Start.ToTimeSpan(), EndOfDay);
    }
}

/// <summary>
/// Business hours in a time zone: weekly hours per weekday, holidays, and make-up working days (调休, which work
/// Monday's hours). Counts the real time that passes inside working hours, so a working day across a DST change is an
/// hour shorter or longer. Every instant in and out is UTC-comparable (<see cref="DateTimeOffset"/>).
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead the calculations look before deciding the calendar has no working time left.</summary>
    private const int MaxDays = 366 * 30;

    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> week;
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> makeUpWorkdays;
    private readonly WorkingHours? makeUpHours;

    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, WorkingHours> week,
        IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays)
    {
        if (week.Count == 0) throw new ArgumentException("A business calendar needs at least one working weekday.", nameof(week));
        Zone = zone;
        this.week = week;
        this.holidays = [.. holidays];
        this.makeUpWorkdays = [.. makeUpWorkdays];
        makeUpHours = week.GetValueOrDefault(DayOfWeek.Monday)
            ?? week.OrderBy(d => ((int)d.Key + 6) % 7).Select(d => d.Value).First();
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The working periods of a local date, as instants, in order (none on a holiday or a day off).</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> WorkingPeriods(DateOnly date)
    {
        var hours = holidays.Contains(date) ? null
            : makeUpWorkdays.Contains(date) ? makeUpHours
            : week.GetValueOrDefault(date.DayOfWeek);
        if (hours is null) return [];
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var periods = new List<(DateTimeOffset, DateTimeOffset)>(2);
        foreach (var (from, to) in hours.Stretches())
        {
            var start = ToInstant(midnight + from);
            var end = ToInstant(midnight + to);
            if (end > start) periods.Add((start, end));
        }
        return periods;
    }

    public bool IsWorkingTime(DateTimeOffset instant) =>
        WorkingPeriods(LocalDate(instant)).Any(p => p.Start <= instant && instant < p.End);

    /// <summary>The instant itself in working time; else the start of the next working period.</summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset instant) => Add(instant, TimeSpan.Zero);

    /// <summary>
    /// The instant (UTC) after <paramref name="businessTime"/> of working time from <paramref name="start"/>: a response
    /// clock's due time. The result is inside a working period, or at the end of one when the time runs out with it.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        var remaining = businessTime;
        var date = LocalDate(start);
        for (var day = 0; day < MaxDays; day++, date = date.AddDays(1))
            foreach (var (periodStart, periodEnd) in WorkingPeriods(date))
            {
                if (periodEnd <= start) continue;
                var from = periodStart > start ? periodStart : start;
                var available = periodEnd - from;
                if (remaining <= available) return (from + remaining).ToUniversalTime();
                remaining -= available;
            }
        throw new InvalidOperationException($"The business calendar has no working time for {businessTime} within {MaxDays} days.");
    }

    /// <summary>The working time between two instants (negative when <paramref name="to"/> is earlier).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -Between(to, from);
        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var date = LocalDate(from); date <= last; date = date.AddDays(1))
            foreach (var (start, end) in WorkingPeriods(date))
            {
                var overlapStart = start > from ? start : from;
                var overlapEnd = end < to ? end : to;
                if (overlapEnd > overlapStart) total += overlapEnd - overlapStart;
            }
        return total;
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// A local wall-clock time as an instant: a time skipped by a DST jump counts from the jump (02:30 on a spring-forward
    /// night is 03:00), a time that occurs twice is its first occurrence.
    /// </summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }
}
