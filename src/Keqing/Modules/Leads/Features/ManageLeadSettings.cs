using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>Reads and replaces the company's lead settings: the response target in business minutes and the hot score.</summary>
public sealed class ManageLeadSettings(KeqingDb db, TimeProvider clock)
{
    /// <summary>At most 30 working days of 8 hours.</summary>
    public const int MaxResponseMinutes = 30 * 8 * 60;
    public const int MaxHotScore = 1000;

    public async Task<LeadSettingsDto> Get(CancellationToken ct) =>
        ToDto(await db.Set<LeadSettings>().AsNoTracking().FirstOrDefaultAsync(ct));

    /// <summary>Replaces the settings under If-Match (version 0 while the defaults are in force); running clocks keep their deadlines.</summary>
    public async Task<LeadSettingsDto> Put(long expectedVersion, LeadSettingsDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.ResponseMinutes is < 1 or > MaxResponseMinutes)
            errors.Add("responseMinutes", FieldErrors.Text("Between {0} and {1} business minutes.", 1, MaxResponseMinutes));
        if (input.HotScore is < 0 or > MaxHotScore)
            errors.Add("hotScore", FieldErrors.Text("Between {0} and {1}.", 0, MaxHotScore));
        errors.ThrowIfAny();

        var row = await db.Set<LeadSettings>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            row = new LeadSettings { Version = 1 };
            db.Add(row);
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        row.ResponseMinutes = input.ResponseMinutes;
        row.HotScore = input.HotScore;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    private static LeadSettingsDto ToDto(LeadSettings? row)
    {
        var settings = row ?? new LeadSettings();
        return new(settings.ResponseMinutes, settings.HotScore, row?.Version ?? 0);
    }
}
