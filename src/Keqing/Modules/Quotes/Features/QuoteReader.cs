using Keqing.Infrastructure.Data;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>Accepted quotes for the Orders module (<see cref="IQuoteReader"/>).</summary>
public sealed class QuoteReader(KeqingDb db) : IQuoteReader
{
    public async Task<AcceptedQuote?> Accepted(Guid quoteId, CancellationToken ct)
    {
        var quote = await db.Set<Quote>().AsNoTracking()
            .FirstOrDefaultAsync(q => q.Id == quoteId && q.Status == QuoteStatus.Accepted && q.ArchivedAt == null, ct);
        if (quote is null) return null;
        var lines = await db.Set<QuoteLine>().AsNoTracking().Where(l => l.QuoteId == quoteId).OrderBy(l => l.LineNo)
            .ToListAsync(ct);
        return new AcceptedQuote(quote.Id, quote.Number, quote.CustomerId, quote.OpportunityId, quote.OwnerId, quote.TeamId,
            quote.Currency, quote.TaxInclusive,
            [.. lines.Select(l => new AcceptedQuoteLine(l.LineNo, l.ProductId, l.Sku, l.ProductName, l.Unit, l.Quantity,
                l.NetAmount, l.TaxAmount, l.UnitCost, l.VatRatePercent))]);
    }
}
