using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>One distributor's report of one month as the list page shows it.</summary>
public sealed record SellThroughReportSummary(Guid DistributorId, string Distributor, int Month, int Rows, int Flagged, DateTime LastReportedAt);

/// <summary>The stored reports of the distributors the caller may see: rows for the API, one line per distributor × month for the list page.</summary>
public sealed class ListSellThrough(KeqingDb db, ICustomerDirectory customers)
{
    public const int DefaultLimit = 1000, MaxLimit = 5000;

    private async Task<IQueryable<SellThroughRow>> Visible(CancellationToken ct)
    {
        var visible = await customers.Visible(ct);
        return db.Set<SellThroughRow>().AsNoTracking().Where(r => visible.Any(c => c.Id == r.DistributorId));
    }

    public async Task<SellThroughRowsPage> Rows(Guid? customerId, Guid? productId, string? from, string? to, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        int? Month(string? text, string field)
        {
            if (text is null) return null;
            var month = text.Length <= 20 ? SellThroughMonth.Parse(text) : null;
            if (month is null) errors.Add(field, FieldErrors.Text("Not a month: write it as 2026-11."));
            return month;
        }
        var (first, last) = (Month(from, "from"), Month(to, "to"));
        if (limit is < 1 or > MaxLimit) errors.Add("limit", FieldErrors.Text("Between 1 and {0}.", MaxLimit));
        errors.ThrowIfAny();
        var query = await Visible(ct);
        if (customerId is { } c) query = query.Where(r => r.DistributorId == c);
        if (productId is { } p) query = query.Where(r => r.ProductId == p);
        if (first is { } f) query = query.Where(r => r.Month >= f);
        if (last is { } l) query = query.Where(r => r.Month <= l);
        var take = limit ?? DefaultLimit;
        var rows = await query.OrderBy(r => r.Month).ThenBy(r => r.DistributorId).ThenBy(r => r.ProductId).Take(take + 1).ToListAsync(ct);
        return new SellThroughRowsPage(rows.Take(take).Select(ToDto).ToList(), rows.Count > take);
    }

    /// <summary>The latest distributor × month reports (at most <paramref name="limit"/>), newest month first.</summary>
    public async Task<IReadOnlyList<SellThroughReportSummary>> Reports(Guid? customerId, int limit, CancellationToken ct)
    {
        var query = await Visible(ct);
        if (customerId is { } c) query = query.Where(r => r.DistributorId == c);
        var groups = await query.GroupBy(r => new { r.DistributorId, r.Month })
            .Select(g => new { g.Key.DistributorId, g.Key.Month, Rows = g.Count(), Flagged = g.Count(r => !r.Balanced), Last = g.Max(r => r.ReportedAt) })
            .OrderByDescending(g => g.Month).ThenBy(g => g.DistributorId).Take(limit).ToListAsync(ct);
        var names = await customers.Find(groups.Select(g => g.DistributorId).Distinct(), ct);
        return groups.Select(g => new SellThroughReportSummary(g.DistributorId, names.TryGetValue(g.DistributorId, out var n) ? n.Name : "", g.Month, g.Rows, g.Flagged, g.Last)).ToList();
    }

    /// <summary>One distributor's rows of a month and the closing stock of the month before, by product (the form's prefill).</summary>
    public async Task<(IReadOnlyList<SellThroughRowDto> Rows, IReadOnlyDictionary<Guid, long> PreviousClosing)> Month(Guid distributorId, int month, CancellationToken ct)
    {
        var query = (await Visible(ct)).Where(r => r.DistributorId == distributorId);
        var previous = SellThroughMonth.Previous(month);
        var rows = await query.Where(r => r.Month == month || r.Month == previous).ToListAsync(ct);
        return (rows.Where(r => r.Month == month).OrderBy(r => r.ReportedAt).Select(ToDto).ToList(),
            rows.Where(r => r.Month == previous).ToDictionary(r => r.ProductId, r => r.Closing));
    }

    private static SellThroughRowDto ToDto(SellThroughRow r) =>
        new(r.DistributorId, r.ProductId, SellThroughMonth.Format(r.Month), r.Opening, r.Purchases, r.Sales, r.Closing, r.Balanced, r.Source, r.ReportedAt);
}
