using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Calendar.Features;

/// <summary>Reads and (admin) replaces the company calendar, and answers business-time questions with it.</summary>
public sealed class CompanyCalendarStore(KeqingDb db, TimeProvider clock) : ICompanyCalendar
{
    public const int MaxDays = 2000;
    public const int MaxNameLength = 100;
    private BusinessCalendar? current;

    public async Task<CalendarDto> Get(CancellationToken ct) =>
        (await db.Set<CompanyCalendar>().AsNoTracking().FirstOrDefaultAsync(ct))?.ToDto() ?? CompanyCalendar.Defaults;

    /// <summary>The calculator of the calendar in force (read once per scope).</summary>
    public async Task<BusinessCalendar> Current(CancellationToken ct) =>
        current ??= CompanyCalendar.ToBusinessCalendar(await Get(ct));

    /// <summary>When <paramref name="businessTime"/> of working time from now runs out: a response or SLA clock's due time.</summary>
    public async Task<DateTimeOffset> DueAfter(TimeSpan businessTime, CancellationToken ct) =>
        (await Current(ct)).Add(clock.GetUtcNow(), businessTime);

    /// <summary>Replaces the calendar under If-Match (version 0 while the defaults are in force).</summary>
    public async Task<CalendarDto> Put(long expectedVersion, CalendarDto input, CancellationToken ct)
    {
        Validate(input);
        var row = await db.Set<CompanyCalendar>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            row = new CompanyCalendar { Version = 1 };
            db.Add(row);
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        row.Set(input);
        await db.SaveChangesAsync(ct);
        current = null;
        return row.ToDto();
    }

    private static void Validate(CalendarDto input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.TimeZone) || input.TimeZone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZone.Trim(), out _))
            errors.Add("timeZone", FieldErrors.Text("timeZone must be an IANA time zone such as Asia/Shanghai."));

        if (input.WeeklyHours is not { Count: > 0 } week || week.Any(d => d is null))
            errors.Add("weeklyHours", FieldErrors.Text("Give the hours of at least one working weekday, e.g. {0}.", "{ \"day\": \"monday\", \"start\": \"09:00\", \"end\": \"18:00\" }"));
        else
        {
            foreach (var day in week.GroupBy(d => d.Day).Where(g => g.Count() > 1))
                errors.Add("weeklyHours", FieldErrors.Text("{0} is given more than once.", day.Key));
            foreach (var d in week)
            {
                if (!Enum.IsDefined(d.Day)) errors.Add("weeklyHours", FieldErrors.Text("{0} is not a weekday.", d.Day));
                var end = d.End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : d.End.ToTimeSpan();
                if (d.Start.ToTimeSpan() >= end) errors.Add("weeklyHours", FieldErrors.Text("{0}: start must be before end (end 00:00 is midnight).", d.Day));
                else if (d.BreakStart is null != d.BreakEnd is null)
                    errors.Add("weeklyHours", FieldErrors.Text("{0}: give both breakStart and breakEnd, or neither.", d.Day));
                else if (d.BreakStart is { } bs && d.BreakEnd is { } be
                         && !(d.Start < bs && bs < be && be.ToTimeSpan() < end))
                    errors.Add("weeklyHours", FieldErrors.Text("{0}: the break must lie strictly inside the working hours, start before end.", d.Day));
            }
        }

        CheckDays("holidays", input.Holidays, errors);
        CheckDays("makeUpWorkdays", input.MakeUpWorkdays, errors);
        if (input.Holidays is not null && input.MakeUpWorkdays is not null && !errors.Any)
            foreach (var both in input.Holidays.Select(h => h.Date).Intersect(input.MakeUpWorkdays.Select(m => m.Date)))
                errors.Add("makeUpWorkdays", FieldErrors.Text("{0} is both a holiday and a make-up working day.", both.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        errors.ThrowIfAny();
    }

    private static void CheckDays(string field, IReadOnlyList<CalendarDayDto>? days, FieldErrors errors)
    {
        if (days is null) return;
        if (days.Count > MaxDays) { errors.Add(field, FieldErrors.Text("At most {0} days.", MaxDays)); return; }
        if (days.Any(d => d is null)) { errors.Add(field, FieldErrors.Text("An entry is null; give {0}.", "{ \"date\": \"2026-10-01\", \"name\": \"国庆节\" }")); return; }
        foreach (var d in days)
        {
            if (d.Date.Year is < 2000 or > 2100) errors.Add(field, FieldErrors.Text("{0} is outside 2000–2100.", d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            if (d.Name is { Length: > MaxNameLength }) errors.Add(field, FieldErrors.Text("A name is at most {0} characters.", MaxNameLength));
        }
        foreach (var twice in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
            errors.Add(field, FieldErrors.Text("{0} is listed more than once.", twice.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
