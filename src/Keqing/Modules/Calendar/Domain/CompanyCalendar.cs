using System.Reflection;
using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Calendar.Contracts;

namespace Keqing.Modules.Calendar.Domain;

/// <summary>
/// One of the company's business calendars. The default one (<see cref="SingletonId"/>) is what <c>/api/calendar</c>
/// and <see cref="ICompanyCalendar.Current"/> read; until an admin saves it, it is the shipped defaults: Monday to Friday
/// 09:00–18:00 with lunch 12:00–13:00 in Asia/Shanghai, and mainland China's holidays and make-up days from the data
/// file. Admins add calendars of their own (a 7×24 support desk, a team abroad) for SLA policies to run on.
/// </summary>
[RecordType("calendar.company-calendar")]
public sealed class CompanyCalendar : IAudited, IVersioned
{
    public static readonly Guid SingletonId = Calendars.DefaultId;

    /// <summary>The name of the default calendar until an admin names it.</summary>
    public const string DefaultName = "Company calendar";

    public Guid Id { get; set; } = SingletonId;
    public string Name { get; set; } = DefaultName;
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>JSON array of <see cref="WeekdayHoursDto"/>.</summary>
    public string WeeklyHours { get; set; } = "[]";
    /// <summary>JSON array of <see cref="CalendarDayDto"/>.</summary>
    public string Holidays { get; set; } = "[]";
    /// <summary>JSON array of <see cref="CalendarDayDto"/>.</summary>
    public string MakeUpWorkdays { get; set; } = "[]";
    public long Version { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static CalendarDto Defaults { get; } = LoadDefaults();

    public CalendarDto ToDto() => new(TimeZone,
        JsonSerializer.Deserialize<List<WeekdayHoursDto>>(WeeklyHours, Json) ?? [],
        JsonSerializer.Deserialize<List<CalendarDayDto>>(Holidays, Json) ?? [],
        JsonSerializer.Deserialize<List<CalendarDayDto>>(MakeUpWorkdays, Json) ?? [], Version);

    public void Set(CalendarDto calendar)
    {
        TimeZone = calendar.TimeZone.Trim();
        WeeklyHours = JsonSerializer.Serialize((calendar.WeeklyHours ?? []).OrderBy(d => ((int)d.Day + 6) % 7), Json);
        Holidays = JsonSerializer.Serialize((calendar.Holidays ?? []).OrderBy(d => d.Date), Json);
        MakeUpWorkdays = JsonSerializer.Serialize((calendar.MakeUpWorkdays ?? []).OrderBy(d => d.Date), Json);
    }

    /// <summary>The calculator for a calendar that passed validation.</summary>
    public static BusinessCalendar ToBusinessCalendar(CalendarDto calendar) => new(
        TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone),
        (calendar.WeeklyHours ?? []).ToDictionary(d => d.Day, d => new WorkingHours(d.Start, d.End, d.BreakStart, d.BreakEnd)),
        (calendar.Holidays ?? []).Select(d => d.Date), (calendar.MakeUpWorkdays ?? []).Select(d => d.Date));

    private static CalendarDto LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Keqing.china-holidays.json")
            ?? throw new InvalidOperationException("The embedded china-holidays.json is missing.");
        var shipped = JsonSerializer.Deserialize<ShippedHolidays>(stream, Json)!;
        var lunch = (Start: new TimeOnly(12, 0), End: new TimeOnly(13, 0));
        WeekdayHoursDto Day(DayOfWeek day) => new(day, new TimeOnly(9, 0), new TimeOnly(18, 0), lunch.Start, lunch.End);
        return new CalendarDto("Asia/Shanghai",
            [Day(DayOfWeek.Monday), Day(DayOfWeek.Tuesday), Day(DayOfWeek.Wednesday), Day(DayOfWeek.Thursday), Day(DayOfWeek.Friday)],
            shipped.Holidays, shipped.MakeUpWorkdays);
    }

    private sealed record ShippedHolidays(string Source, List<CalendarDayDto> Holidays, List<CalendarDayDto> MakeUpWorkdays);
}
