using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Data;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>Reads and (admin) replaces the follow-up settings: cadence per grade, quiet hours, weekly cap.</summary>
public sealed class TimelineSettingsStore(KeqingDb db)
{
    private TimelineSettings? current;

    /// <summary>The settings in force (the defaults until an admin saves some).</summary>
    public async Task<TimelineSettings> Current(CancellationToken ct) =>
        current ??= await db.Set<TimelineSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new TimelineSettings();

    public async Task<TimelineSettingsDto> Get(CancellationToken ct) => ToDto(await Current(ct));

    /// <summary>Replaces the settings under If-Match (version 0 while the defaults are in force).</summary>
    public async Task<TimelineSettingsDto> Put(long expectedVersion, TimelineSettingsDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        foreach (var (grade, days) in input.CadenceDays ?? new Dictionary<CustomerGrade, int?>())
            if (days is < 1 or > 3650) errors.Add("cadenceDays", FieldErrors.Text("The cadence of grade {0} is 1 to 3650 days, or none.", grade));
        if (input.QuietFrom is null != input.QuietUntil is null) errors.Add("quietFrom", FieldErrors.Text("Give both quietFrom and quietUntil, or neither."));
        if (input.MaxContactsPerChannelPerWeek is < 1 or > 100) errors.Add("maxContactsPerChannelPerWeek", FieldErrors.Text("maxContactsPerChannelPerWeek is 1 to 100, or null for no cap."));
        errors.ThrowIfAny();

        var row = await db.Set<TimelineSettings>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            // The defaults were version 0; the first saved settings are version 1.
            row = new TimelineSettings { Version = 1 };
            db.Add(row).Property(TimelineSettingsConfiguration.LegacyTimeZone).CurrentValue = "";
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        var cadence = input.CadenceDays ?? new Dictionary<CustomerGrade, int?>();
        row.CadenceA = cadence.GetValueOrDefault(CustomerGrade.A);
        row.CadenceB = cadence.GetValueOrDefault(CustomerGrade.B);
        row.CadenceC = cadence.GetValueOrDefault(CustomerGrade.C);
        row.CadenceD = cadence.GetValueOrDefault(CustomerGrade.D);
        row.QuietFrom = input.QuietFrom;
        row.QuietUntil = input.QuietUntil;
        row.MaxContactsPerChannelPerWeek = input.MaxContactsPerChannelPerWeek;
        await db.SaveChangesAsync(ct);
        current = null;
        return ToDto(row);
    }

    public static TimelineSettingsDto ToDto(TimelineSettings s) => new(
        new Dictionary<CustomerGrade, int?> { [CustomerGrade.A] = s.CadenceA, [CustomerGrade.B] = s.CadenceB, [CustomerGrade.C] = s.CadenceC, [CustomerGrade.D] = s.CadenceD },
        s.QuietFrom, s.QuietUntil, s.MaxContactsPerChannelPerWeek, s.Version);
}
