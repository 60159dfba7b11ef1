using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>One quote the caller may see (404 otherwise), with its lines and every revision of it.</summary>
public sealed class GetQuote(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users)
{
    public async Task<QuoteDto> Handle(Guid id, CancellationToken ct)
    {
        var quote = await access.FindVisible(db.Set<Quote>().AsNoTracking(), id, ct);
        return await ToDto(quote, ct);
    }

    public async Task<QuoteDto> ToDto(Quote q, CancellationToken ct)
    {
        var lines = await db.Set<QuoteLine>().AsNoTracking().Where(l => l.QuoteId == q.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var revisions = await db.Set<Quote>().AsNoTracking().Where(r => r.RootId == q.RootId).OrderBy(r => r.Revision)
            .Select(r => new QuoteRevisionDto(r.Id, r.Revision, r.Status, r.GrandTotal, r.CreatedAt)).ToListAsync(ct);
        var customer = (await customers.Find([q.CustomerId], ct)).GetValueOrDefault(q.CustomerId);
        var owner = (await users.Names([q.OwnerId], ct)).GetValueOrDefault(q.OwnerId);
        return new QuoteDto(q.Id, q.Number, q.RootId, q.Revision, q.CustomerId, customer?.Name ?? "", q.ContactId, q.OpportunityId, q.Title,
            q.Currency, q.TaxInclusive, q.TotalDiscountPercent, q.ValidUntil, q.PriceDate, q.Status, q.Subtotal, q.DiscountTotal,
            q.NetTotal, q.TaxTotal, q.GrandTotal, q.MaxDiscountPercent, q.Notes, q.RejectionReason, q.OwnerId, owner ?? "", q.TeamId,
            q.SubmittedAt, q.ApprovedAt, q.SentAt, q.DecidedAt, q.CreatedAt, q.UpdatedAt, q.ArchivedAt, await access.CanWrite(q, ct),
            [.. lines.Select(l => new QuoteLineDto(l.Id, l.LineNo, l.ProductId, l.Sku, l.ProductName, l.Unit, l.Specification, l.Quantity,
                l.ListUnitPrice, l.PriceListId, l.PriceSource, l.DiscountPercent, l.VatRatePercent, l.NetAmount, l.TaxAmount, l.GrossAmount))],
            revisions, q.Version);
    }
}
