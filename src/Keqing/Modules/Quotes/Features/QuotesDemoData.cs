using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// A dozen demo quotes on the demo reps' customers in every status, priced through the price resolver from the demo
/// products and lists (seeded by Products before this); nothing when there are no products. For <c>--seed-demo</c>.
/// </summary>
public sealed class QuotesDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, IProductCatalog catalog,
    QuotePricing pricing, TimeProvider clock) : IDemoSeeder
{
    private static readonly QuoteStatus[] Statuses =
        [QuoteStatus.Draft, QuoteStatus.Approved, QuoteStatus.Sent, QuoteStatus.Accepted, QuoteStatus.Rejected, QuoteStatus.Sent];

    public int Order => 60;

    public async Task Seed(CancellationToken ct)
    {
        await SeedDiscountLimits(ct);
        if (await db.Set<Quote>().AnyAsync(ct)) return;
        var products = await catalog.Search(null, 12, ct);
        if (products.Count == 0) return;
        var staff = (await users.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal)).OrderBy(u => u.Email).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var made = 0;
        foreach (var user in staff)
        {
            foreach (var customerId in await customers.OwnedBy(user.Id).OrderBy(c => c.Name).Select(c => c.Id).Take(3).ToListAsync(ct))
            {
                if (made >= 12) break;
                var status = Statuses[made % Statuses.Length];
                var quote = new Quote
                {
                    Number = $"Q-{today.Year}-{made + 1:D6}", CustomerId = customerId, Title = "设备及耗材报价", PriceDate = today.AddDays(-made),
                    ValidUntil = today.AddDays(30 - made), TotalDiscountPercent = made % 3 == 0 ? 2m : 0m, Status = status,
                    OwnerId = user.Id, TeamId = user.TeamId, CreatedAt = now.AddDays(-made), UpdatedAt = now.AddDays(-made),
                };
                quote.RootId = quote.Id;
                var inputs = Enumerable.Range(0, 2).Select(i => products[(made * 2 + i) % products.Count])
                    .DistinctBy(p => p.Id).Select((p, i) => new QuoteLineInput(p.Id, 1 + (made + i) % 5, i == 0 ? 5m : 0m, null)).ToList();
                var errors = new FieldErrors();
                var lines = await pricing.Price(customerId, quote.PriceDate, quote.Currency, false, inputs, errors, ct);
                if (errors.Any || lines.Count == 0) continue;
                foreach (var line in lines) line.QuoteId = quote.Id;
                QuotePricing.Apply(quote, lines);
                if (status != QuoteStatus.Draft) (quote.SubmittedAt, quote.ApprovedAt) = (quote.CreatedAt, quote.CreatedAt);
                if (status is QuoteStatus.Sent or QuoteStatus.Accepted or QuoteStatus.Rejected) quote.SentAt = quote.CreatedAt;
                if (status is QuoteStatus.Accepted or QuoteStatus.Rejected) quote.DecidedAt = now;
                if (status == QuoteStatus.Rejected) quote.RejectionReason = "价格高于竞品";
                db.Add(quote);
                db.AddRange(lines);
                made++;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reps may give 5 %, managers 15 %, admins any discount without approval.</summary>
    private async Task SeedDiscountLimits(CancellationToken ct)
    {
        if (await db.Set<DiscountLimitSet>().AnyAsync(ct)) return;
        db.Add(new DiscountLimitSet { Version = 1, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        db.AddRange(new DiscountLimit { Role = Roles.SalesRep, MaxPercent = 5m }, new DiscountLimit { Role = Roles.SalesManager, MaxPercent = 15m });
        await db.SaveChangesAsync(ct);
    }
}
