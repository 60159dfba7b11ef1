using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Eighteen months of 进销存 for six demo distributors × the first eight demo products, for <c>--seed-demo</c>: the first
/// distributor's sell-out falls the last three months, the second's stock piles up, so the heat map and the alert scan
/// show something. Nothing when there are no products or customers yet.
/// </summary>
public sealed class SellThroughDemoData(KeqingDb db, ICustomerDirectory customers, IProductCatalog products, SellThroughSummary summary,
    TimeProvider clock) : IDemoSeeder
{
    private const int MonthsOfHistory = 18;

    public int Order => 70;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<SellThroughRow>().AnyAsync(ct)) return;
        var productIds = (await products.Search(null, 8, ct)).Select(p => p.Id).ToList();
        var distributors = await customers.Unchecked().OrderBy(c => c.Name).Select(c => c.Id).Take(6).ToListAsync(ct);
        if (productIds.Count == 0 || distributors.Count == 0) return;
        var random = new Random(20261204);
        var now = clock.GetUtcNow().UtcDateTime;
        var last = SellThroughMonth.Previous(SellThroughMonth.Of(now.Year, now.Month));
        var first = SellThroughMonth.Add(last, -(MonthsOfHistory - 1));
        for (var d = 0; d < distributors.Count; d++)
            foreach (var product in productIds)
            {
                var closing = (long)random.Next(80, 200);
                var pace = random.Next(40, 120);
                for (var (month, i) = (first, 0); i < MonthsOfHistory; (month, i) = (SellThroughMonth.Next(month), i + 1))
                {
                    var fromEnd = MonthsOfHistory - 1 - i;
                    long sales = d switch
                    {
                        // Sell-out falling the last three months.
                        0 when fromEnd < 3 => pace * (fromEnd + 1) / 5,
                        // Selling slowly while buying on: stock piles up.
                        1 => pace / 4,
                        _ => pace + random.Next(-15, 16),
                    };
                    long purchases = d == 1 ? pace : Math.Max(0, sales + random.Next(-20, 21));
                    var opening = closing;
                    sales = Math.Min(sales, opening + purchases);
                    closing = opening + purchases - sales;
                    db.Add(new SellThroughRow
                    {
                        DistributorId = distributors[d], ProductId = product, Month = month, Opening = opening, Purchases = purchases,
                        Sales = sales, Closing = closing, Balanced = true, Source = SellThroughSource.Import, ReportedAt = now,
                    });
                }
            }
        await db.SaveChangesAsync(ct);
        for (var (month, i) = (first, 0); i < MonthsOfHistory; (month, i) = (SellThroughMonth.Next(month), i + 1))
            await summary.Rebuild(month, ct);
    }
}
