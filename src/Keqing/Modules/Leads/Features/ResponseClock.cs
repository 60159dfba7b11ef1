using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// A lead's response clock (DOMAIN M5): the owner must answer within the company's response target in business
/// hours (the calendar's weekly hours, holidays and make-up days); reminded at 80 %, the team manager alerted at the
/// deadline; the first logged contact stops it.
/// </summary>
/// <remarks>
/// <see cref="Start"/> is the one way a clock starts or restarts: a new lead, and a lead given to another owner before
/// it was answered (the owner change calls it, so the new owner gets the full target from then).
/// </remarks>
public sealed class ResponseClock(KeqingDb db, ICompanyCalendar calendar)
{
    // Read once per scope: an import starts thousands of clocks in one.
    private LeadSettings? settings;

    /// <summary>The reminder and the deadline of a clock started at <paramref name="start"/> for <paramref name="target"/> of business time.</summary>
    public static (DateTimeOffset RemindAt, DateTimeOffset RespondBy) Deadlines(BusinessCalendar calendar, DateTimeOffset start, TimeSpan target) =>
        (calendar.Add(start, target * 0.8), calendar.Add(start, target));

    /// <summary>Starts (or restarts, on a new owner) the clock of an unanswered lead at <paramref name="now"/>.</summary>
    public async Task Start(Lead lead, DateTime now, CancellationToken ct)
    {
        if (lead.FirstRespondedAt is not null) return;
        settings ??= await db.Set<LeadSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new LeadSettings();
        var (remindAt, respondBy) = Deadlines(await calendar.Current(ct), new DateTimeOffset(now, TimeSpan.Zero),
            TimeSpan.FromMinutes(settings.ResponseMinutes));
        lead.ClockStartedAt = now;
        lead.RemindAt = remindAt.UtcDateTime;
        lead.RespondBy = respondBy.UtcDateTime;
        lead.ReminderSentAt = null;
        lead.BreachAlertedAt = null;
    }

    /// <summary>Stops the clock at the first logged contact (later contacts change nothing).</summary>
    public static void Stop(Lead lead, DateTime at) => lead.FirstRespondedAt ??= at;
}
