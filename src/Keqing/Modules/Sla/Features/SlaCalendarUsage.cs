using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Sla.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Sla.Features;

/// <summary>A calendar an SLA policy or a running clock counts on cannot be deleted.</summary>
public sealed class SlaCalendarUsage(KeqingDb db) : ICalendarUsage
{
    public async Task<bool> Uses(Guid calendarId, CancellationToken ct) =>
        await db.Set<SlaPolicy>().AnyAsync(p => p.CalendarId == calendarId, ct)
        || await db.Set<RecordClock>().AnyAsync(c => c.CalendarId == calendarId && c.StoppedAt == null, ct);
}
