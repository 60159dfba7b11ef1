using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>The opportunities the caller may see, filtered, newest first, keyset-paged; and how many match.</summary>
public sealed class ListOpportunities(OpportunityFilter filter, OpportunityMapping mapping)
{
    public const int CountCap = 100_000;

    private sealed record Cursor(DateTime CreatedAt, Guid Id);

    public async Task<Page<OpportunitySummaryDto>> Handle(OpportunityQuery q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = await filter.Visible(q, ct);
        if (Paging.Decode<Cursor>(after) is { } c)
            query = query.Where(o => o.CreatedAt < c.CreatedAt || (o.CreatedAt == c.CreatedAt && o.Id.CompareTo(c.Id) < 0));
        var rows = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, o => new Cursor(o.CreatedAt, o.Id));
        return new Page<OpportunitySummaryDto>(await mapping.Summaries(page.Items, ct), page.Next);
    }

    public async Task<(int Count, bool Capped)> Count(OpportunityQuery q, CancellationToken ct)
    {
        var count = await (await filter.Visible(q, ct)).Take(CountCap + 1).CountAsync(ct);
        return (Math.Min(count, CountCap), count > CountCap);
    }
}
