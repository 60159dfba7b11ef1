using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Quotes;

/// <summary>Quotes written straight into the database (the Quotes API that creates them is another package's).</summary>
public static class QuoteRows
{
    /// <summary>
    /// A sent quote for the customer owned by <paramref name="ownerId"/>: <paramref name="lines"/> lines of 2,000.00 net at
    /// 13 % VAT (line 2 with a long name that wraps), totals as stored by the quote (grand total 128,000.00).
    /// </summary>
    public static async Task<Quote> Add(KeqingApp app, Guid customerId, Guid ownerId, Guid? teamId, int lines = 3, string? notes = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var id = Guid.NewGuid();
        var quote = new Quote
        {
            Id = id, RootId = id, Revision = 2, Number = ApiHelpers.Unique("Q-2026"), CustomerId = customerId, Title = "血液分析仪年度采购",
            ValidUntil = new DateOnly(2026, 12, 31), PriceDate = new DateOnly(2026, 11, 24), Status = QuoteStatus.Sent,
            Subtotal = Money.Of(113_274.34m), DiscountTotal = Money.Zero(), NetTotal = Money.Of(113_274.34m),
            TaxTotal = Money.Of(14_725.66m), GrandTotal = Money.Of(128_000m), Notes = notes, OwnerId = ownerId, TeamId = teamId,
            CreatedAt = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc), UpdatedAt = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc),
        };
        db.Add(quote);
        for (var n = 1; n <= lines; n++)
            db.Add(new QuoteLine
            {
                QuoteId = id, LineNo = n, ProductId = Guid.NewGuid(), Sku = $"BC-{n:D4}", Unit = "台", Quantity = 2,
                ProductName = n == 2 ? "全自动五分类血液细胞分析仪（含自动进样器、条码扫描及配套试剂首批）" : $"试剂盒{n}号",
                Specification = "BC-6800Plus", ListUnitPrice = Money.Of(1_111.11m), DiscountPercent = 10m, VatRatePercent = 13m,
                NetAmount = Money.Of(2_000m), TaxAmount = Money.Of(260m), GrossAmount = Money.Of(2_260m), UnitCost = Money.Of(500m),
            });
        await db.SaveChangesAsync();
        return quote;
    }
}
