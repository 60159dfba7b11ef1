using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>Everything a printed quote shows: the letterhead, the quote, its customer and contact, and its lines in order.</summary>
public sealed record PrintableQuote(QuoteLetterhead Letterhead, Quote Quote, string CustomerName, string? ContactName,
    IReadOnlyList<QuoteLine> Lines)
{
    /// <summary>The number as printed: "Q-2026-000123", from the second revision on "Q-2026-000123 v2".</summary>
    public string NumberWithRevision => Quote.Revision > 1 ? $"{Quote.Number} v{Quote.Revision}" : Quote.Number;

    /// <summary>The grand total in Chinese capitals with 人民币 for a quote in yuan; null for other currencies.</summary>
    public string? GrandTotalInWords => Quote.Currency == "CNY" ? "人民币" + AmountInWords.Chinese(Quote.GrandTotal.Amount) : null;
}

/// <summary>Loads a quote for printing: 404 (<see cref="Infrastructure.Http.NotFoundException"/>) when the caller may not see it.</summary>
public sealed class QuotePrintout(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, QuoteLetterheads letterheads)
{
    public async Task<PrintableQuote> Load(Guid quoteId, CancellationToken ct)
    {
        var quote = await access.FindVisible(db.Set<Quote>().AsNoTracking(), quoteId, ct);
        var lines = await db.Set<QuoteLine>().AsNoTracking().Where(l => l.QuoteId == quote.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var customer = (await customers.Find([quote.CustomerId], ct)).GetValueOrDefault(quote.CustomerId);
        var contact = quote.ContactId is { } contactId
            ? (await customers.ContactsOf(quote.CustomerId, ct)).FirstOrDefault(c => c.Id == contactId)
            : null;
        return new PrintableQuote(await letterheads.Current(ct), quote, customer?.Name ?? "", contact?.Name, lines);
    }
}
