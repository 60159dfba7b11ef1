using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>The list's filters: only the caller's own, a status (superseded revisions only when asked for), a customer, an opportunity.</summary>
public sealed record QuoteQuery(bool Mine = false, QuoteStatus? Status = null, Guid? CustomerId = null, Guid? OpportunityId = null, bool Shared = false);

/// <summary>
/// The live quotes the caller may see, newest first, keyset-paged; and the customer's OTHER open quotes from any rep
/// (number, rep, status and total only) for the quote page's side panel.
/// </summary>
public sealed class ListQuotes(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser)
{
    private sealed record Cursor(DateTime CreatedAt, Guid Id);

    /// <summary>Pending approval, approved or sent: what the customer may still be offered.</summary>
    public static readonly QuoteStatus[] Open = [QuoteStatus.PendingApproval, QuoteStatus.Approved, QuoteStatus.Sent];

    public async Task<Page<QuoteSummaryDto>> Handle(QuoteQuery q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var query = db.Set<Quote>().AsNoTracking().Where(x => x.ArchivedAt == null);
        query = q.Status is { } status ? query.Where(x => x.Status == status) : query.Where(x => x.Status != QuoteStatus.Superseded);
        if (q.Mine)
        {
            var me = currentUser.UserId;
            query = query.Where(x => x.OwnerId == me);
        }
        if (q.CustomerId is { } customer) query = query.Where(x => x.CustomerId == customer);
        if (q.OpportunityId is { } opportunity) query = query.Where(x => x.OpportunityId == opportunity);
        // Shared with me (共享给我的): others' quotes shared with the caller or their team, the share not ended.
        query = q.Shared ? await access.SharedWithMe(query, ct) : await access.Visible(query, ct);
        if (Paging.Decode<Cursor>(after) is { } c)
            query = query.Where(x => x.CreatedAt < c.CreatedAt || (x.CreatedAt == c.CreatedAt && x.Id.CompareTo(c.Id) < 0));
        var rows = await query.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, x => new Cursor(x.CreatedAt, x.Id));
        return new Page<QuoteSummaryDto>(await Summaries(page.Items, ct), page.Next);
    }

    /// <summary>
    /// The open quotes of a customer the caller may see, from every rep, except <paramref name="exceptRootId"/>'s
    /// revisions: so no two reps offer one customer different prices unknowingly. Quotes the caller may not open show
    /// only their number, rep, status and total (no lines); 404 for a customer the caller may not see.
    /// </summary>
    public async Task<IReadOnlyList<OtherQuoteDto>> OpenOfCustomer(Guid customerId, Guid? exceptRootId, CancellationToken ct)
    {
        if (await customers.FindVisible(customerId, ct) is null) throw new NotFoundException("customer");
        var query = db.Set<Quote>().AsNoTracking().Where(x => x.CustomerId == customerId && x.ArchivedAt == null && Open.Contains(x.Status));
        if (exceptRootId is { } root) query = query.Where(x => x.RootId != root);
        var rows = await query.OrderByDescending(x => x.CreatedAt).Take(50)
            .Select(x => new { x.Id, x.Number, x.Revision, x.Status, x.GrandTotal, x.ValidUntil, x.OwnerId }).ToListAsync(ct);
        var ownerNames = await users.Names(rows.Select(x => x.OwnerId).Distinct(), ct);
        return [.. rows.Select(x => new OtherQuoteDto(x.Id, x.Number, x.Revision, x.Status, x.GrandTotal, x.ValidUntil, x.OwnerId,
            ownerNames.GetValueOrDefault(x.OwnerId) ?? ""))];
    }

    private async Task<List<QuoteSummaryDto>> Summaries(IReadOnlyList<Quote> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var customerNames = await customers.Find(rows.Select(x => x.CustomerId).Distinct(), ct);
        var ownerNames = await users.Names(rows.Select(x => x.OwnerId).Distinct(), ct);
        return [.. rows.Select(x => new QuoteSummaryDto(x.Id, x.Number, x.Revision, x.CustomerId,
            customerNames.GetValueOrDefault(x.CustomerId)?.Name ?? "", x.Title, x.Status, x.GrandTotal, x.ValidUntil, x.OwnerId,
            ownerNames.GetValueOrDefault(x.OwnerId) ?? "", x.CreatedAt, x.Version))];
    }
}
