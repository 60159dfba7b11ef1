using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Calendar.Features;

/// <summary>
/// Reads and (admin) writes the company's calendars, and answers business-time questions with them. The default
/// calendar is a row only once an admin saves it (version 0 until then: the shipped defaults of the data file); the
/// other calendars are rows from their creation.
/// </summary>
public sealed class CompanyCalendarStore(KeqingDb db, TimeProvider clock, IEnumerable<ICalendarUsage> usages) : ICompanyCalendar
{
    public const int MaxDays = 2000;
    public const int MaxNameLength = 100;
    public const int MaxCalendars = 100;
    private BusinessCalendar? current;
    private readonly Dictionary<Guid, BusinessCalendar?> calculators = [];

    public async Task<CalendarDto> Get(CancellationToken ct) =>
        (await db.Set<CompanyCalendar>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == CompanyCalendar.SingletonId, ct))?.ToDto()
        ?? CompanyCalendar.Defaults;

    /// <summary>The calculator of the calendar in force (read once per scope).</summary>
    public async Task<BusinessCalendar> Current(CancellationToken ct) =>
        current ??= CompanyCalendar.ToBusinessCalendar(await Get(ct));

    /// <summary>When <paramref name="businessTime"/> of working time from now runs out: a response or SLA clock's due time.</summary>
    public async Task<DateTimeOffset> DueAfter(TimeSpan businessTime, CancellationToken ct) =>
        (await Current(ct)).Add(clock.GetUtcNow(), businessTime);

    public async Task<BusinessCalendar?> Find(Guid calendarId, CancellationToken ct)
    {
        if (calendarId == CompanyCalendar.SingletonId) return await Current(ct);
        if (calculators.TryGetValue(calendarId, out var known)) return known;
        var row = await db.Set<CompanyCalendar>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == calendarId, ct);
        return calculators[calendarId] = row is null ? null : CompanyCalendar.ToBusinessCalendar(row.ToDto());
    }

    public async Task<IReadOnlyList<CalendarSummaryDto>> List(CancellationToken ct)
    {
        var rows = await db.Set<CompanyCalendar>().AsNoTracking().ToListAsync(ct);
        var list = rows.Select(Named).ToList();
        if (list.All(c => !c.IsDefault)) list.Add(DefaultNamed());
        return list.OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new CalendarSummaryDto(c.Id, c.Name, c.IsDefault, c.TimeZone, c.Holidays.Count, c.MakeUpWorkdays.Count, c.Version))
            .ToList();
    }

    public async Task<NamedCalendarDto> GetById(Guid id, CancellationToken ct)
    {
        var row = await db.Set<CompanyCalendar>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is not null) return Named(row);
        return id == CompanyCalendar.SingletonId ? DefaultNamed() : throw new NotFoundException("calendar");
    }

    /// <summary>Replaces the calendar under If-Match (version 0 while the defaults are in force).</summary>
    public async Task<CalendarDto> Put(long expectedVersion, CalendarDto input, CancellationToken ct)
    {
        Validate(input);
        var row = await db.Set<CompanyCalendar>().FirstOrDefaultAsync(c => c.Id == CompanyCalendar.SingletonId, ct);
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

    /// <summary>A new calendar of the company's own.</summary>
    public async Task<NamedCalendarDto> Create(CalendarInput input, CancellationToken ct)
    {
        await Validate(null, input, ct);
        if (await db.Set<CompanyCalendar>().CountAsync(ct) >= MaxCalendars)
            throw new ConflictException(FieldErrors.Text("There are already {0} calendars; delete one first.", MaxCalendars));
        var row = new CompanyCalendar { Id = OrderedId.New(), Name = input.Name!.Trim(), Version = 1 };
        row.Set(AsCalendar(input));
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return Named(row);
    }

    /// <summary>Replaces a calendar under If-Match; the default one too (version 0 while its shipped defaults are in force).</summary>
    public async Task<NamedCalendarDto> Update(Guid id, long expectedVersion, CalendarInput input, CancellationToken ct)
    {
        var row = await db.Set<CompanyCalendar>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null && id != CompanyCalendar.SingletonId) throw new NotFoundException("calendar");
        await Validate(id, input, ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            row = new CompanyCalendar { Version = 1 };
            db.Add(row);
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        row.Name = input.Name!.Trim();
        row.Set(AsCalendar(input));
        await db.SaveChangesAsync(ct);
        current = null;
        calculators.Remove(id);
        return Named(row);
    }

    /// <summary>Deletes a calendar nothing uses; the default calendar stays.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        if (id == CompanyCalendar.SingletonId) throw new ConflictException(FieldErrors.Text("The default calendar cannot be deleted."));
        var row = await db.Set<CompanyCalendar>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("calendar");
        foreach (var usage in usages)
            if (await usage.Uses(id, ct)) throw new ConflictException(FieldErrors.Text("The calendar is in use (an SLA policy runs on it); change those first."));
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        calculators.Remove(id);
    }

    private static CalendarDto AsCalendar(CalendarInput input) =>
        new(input.TimeZone ?? "", input.WeeklyHours, input.Holidays, input.MakeUpWorkdays);

    private async Task Validate(Guid? id, CalendarInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name).MaxLength("name", input.Name?.Trim(), MaxNameLength);
        if (!errors.Any)
        {
            var name = input.Name!.Trim();
            var others = await db.Set<CompanyCalendar>().AsNoTracking().Where(c => c.Id != id).Select(c => c.Name).ToListAsync(ct);
            if (id != CompanyCalendar.SingletonId && !await db.Set<CompanyCalendar>().AnyAsync(c => c.Id == CompanyCalendar.SingletonId, ct))
                others.Add(CompanyCalendar.DefaultName);
            if (others.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add("name", FieldErrors.Text("Another calendar has this name."));
        }
        try { Validate(AsCalendar(input)); }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) errors.Add(field, message);
        }
        errors.ThrowIfAny();
    }

    private static NamedCalendarDto Named(CompanyCalendar row)
    {
        var c = row.ToDto();
        // The default calendar saved before calendars had names has none.
        var name = row.Name is { Length: > 0 } given ? given : CompanyCalendar.DefaultName;
        return new(row.Id, name, row.Id == CompanyCalendar.SingletonId, c.TimeZone, c.WeeklyHours ?? [], c.Holidays ?? [], c.MakeUpWorkdays ?? [], row.Version);
    }

    private static NamedCalendarDto DefaultNamed()
    {
        var c = CompanyCalendar.Defaults;
        return new(CompanyCalendar.SingletonId, CompanyCalendar.DefaultName, true, c.TimeZone, c.WeeklyHours ?? [], c.Holidays ?? [], c.MakeUpWorkdays ?? [], 0);
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
