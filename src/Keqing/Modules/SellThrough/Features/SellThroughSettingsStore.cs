using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>Reads and replaces the sell-through alert limits: months of stock above which stock piles up, and the reporting day.</summary>
public sealed class SellThroughSettingsStore(KeqingDb db, TimeProvider clock)
{
    public const decimal MaxMonthsOfStockLimit = 120m;

    public async Task<SellThroughSettingsDto> Get(CancellationToken ct) =>
        ToDto(await db.Set<SellThroughSettings>().AsNoTracking().FirstOrDefaultAsync(ct));

    /// <summary>Replaces the settings under If-Match (version 0 while the defaults are in force).</summary>
    public async Task<SellThroughSettingsDto> Put(long expectedVersion, SellThroughSettingsDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.MonthsOfStockLimit is <= 0 or > MaxMonthsOfStockLimit || decimal.Round(input.MonthsOfStockLimit, 2) != input.MonthsOfStockLimit)
            errors.Add("monthsOfStockLimit", FieldErrors.Text("More than 0 and at most {0} months, to two decimals.", MaxMonthsOfStockLimit));
        if (input.ReportingDay is < 1 or > 28)
            errors.Add("reportingDay", FieldErrors.Text("A day from {0} to {1}.", 1, 28));
        errors.ThrowIfAny();

        var row = await db.Set<SellThroughSettings>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            row = new SellThroughSettings { Version = 1 };
            db.Add(row);
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        row.MonthsOfStockLimit = input.MonthsOfStockLimit;
        row.ReportingDay = input.ReportingDay;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    private static SellThroughSettingsDto ToDto(SellThroughSettings? row)
    {
        var settings = row ?? new SellThroughSettings();
        return new(settings.MonthsOfStockLimit, settings.ReportingDay, row?.Version ?? 0);
    }
}
