using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>The opportunities behind one forecast figure (its click-through), by the same filter the figure was summed with.</summary>
public sealed class ForecastOpportunities(ForecastFilter filter, ICustomerDirectory customers)
{
    public const int MaxLimit = 1000;

    public async Task<ForecastOpportunitiesDto> Handle(ForecastRequest request, ForecastMeasure measure, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var rows = await (await filter.Behind(request, measure, ct)).AsNoTracking()
            .OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id).Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var names = await customers.Find(page.Select(o => o.CustomerId), ct);
        var items = page.Select(o => new ForecastOpportunityDto(
            o.Id, o.Name, o.CustomerId, names.GetValueOrDefault(o.CustomerId)?.Name, o.Amount, o.Probability,
            Money.FromMinorUnits(ForecastRollup.RoundedMinor((decimal)o.Amount.MinorUnits * o.Probability), o.Amount.Currency),
            o.ForecastCategory, o.Status, o.StageId, o.ExpectedCloseDate, o.ClosedAt, o.OwnerId, o.TeamId)).ToList();
        return new ForecastOpportunitiesDto(items, rows.Count > limit);
    }
}
