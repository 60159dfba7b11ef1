using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// Creates a quote (for a customer or an opportunity's customer), changes a draft (If-Match; the lines are priced again),
/// revises a quote that left draft (a new draft revision with the same root; the old one is superseded and stays
/// readable), and archives one.
/// </summary>
public sealed class SaveQuote(KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IOpportunityLookup opportunities,
    IUserDirectory users, CurrentUser currentUser, QuotePricing pricing, QuoteTimeline timeline, GetQuote get, TimeProvider time,
    Infrastructure.Time.IUserTimeZones zones)
{
    public const int DefaultValidDays = 30;

    public async Task<QuoteDto> Create(CreateQuoteRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var customerId = r.CustomerId;
        string? opportunityName = null;
        if (r.OpportunityId is { } opportunityId)
        {
            var opportunity = await opportunities.FindVisible(opportunityId, ct);
            if (opportunity is null) errors.Add("opportunityId", FieldErrors.Text("No such opportunity."));
            else if (customerId is { } given && given != opportunity.CustomerId)
                errors.Add("customerId", FieldErrors.Text("The opportunity is for another customer."));
            else
            {
                customerId = opportunity.CustomerId;
                opportunityName = opportunity.Name;
            }
        }
        else if (customerId is null) errors.Add("customerId", FieldErrors.Text("Give a customerId or an opportunityId."));
        if (customerId is { } c && await customers.FindVisible(c, ct) is null) errors.Add("customerId", FieldErrors.Text("No such customer."));
        var today = await Today(ct);
        var priceDate = r.PriceDate ?? today;
        var quote = new Quote
        {
            CustomerId = customerId ?? Guid.Empty,
            OpportunityId = r.OpportunityId,
            TaxInclusive = r.TaxInclusive,
            PriceDate = priceDate,
            Status = QuoteStatus.Draft,
            OwnerId = currentUser.UserId,
        };
        quote.RootId = quote.Id;
        await CheckFields(quote, r.ContactId, r.Title ?? opportunityName, r.TotalDiscountPercent, r.ValidUntil ?? priceDate.AddDays(DefaultValidDays),
            r.Notes, errors, ct);
        var lines = errors.Any ? new List<QuoteLine>() : await pricing.Price(quote.CustomerId, priceDate, quote.Currency, quote.TaxInclusive, r.Lines, errors, ct);
        errors.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        quote.TeamId = (await users.Find(quote.OwnerId, ct))?.TeamId;
        quote.CreatedAt = quote.UpdatedAt = now;
        Add(quote, lines);
        // The number is taken and saved in one transaction, so two quotes made at once never share one.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            quote.Number = await DocumentNumbers.Next(db, db.Set<Quote>().Where(q => q.Revision == 1).Select(q => q.Number), $"Q-{now.Year}-", ct);
            await timeline.Created(quote, currentUser.UserIdOrNull, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        return await get.ToDto(quote, ct);
    }

    public async Task<QuoteDto> Update(Guid id, long expectedVersion, UpdateQuoteRequest r, CancellationToken ct)
    {
        var quote = await Writable(id, ct);
        EnsureDraft(quote);
        var errors = new FieldErrors();
        quote.TaxInclusive = r.TaxInclusive;
        await CheckFields(quote, r.ContactId, r.Title, r.TotalDiscountPercent, r.ValidUntil ?? quote.ValidUntil, r.Notes, errors, ct);
        var lines = await pricing.Price(quote.CustomerId, quote.PriceDate, quote.Currency, quote.TaxInclusive, r.Lines, errors, ct);
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, quote, expectedVersion);

        db.RemoveRange(await db.Set<QuoteLine>().Where(l => l.QuoteId == quote.Id).ToListAsync(ct));
        foreach (var line in lines) line.QuoteId = quote.Id;
        QuotePricing.Apply(quote, lines);
        db.AddRange(lines);
        quote.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return await get.ToDto(quote, ct);
    }

    /// <summary>
    /// A new draft revision of a quote that left draft (approved, sent, rejected or expired), priced again for today;
    /// the old revision is superseded. An accepted quote is not revised (its order was made from it).
    /// </summary>
    public async Task<QuoteDto> Revise(Guid id, CancellationToken ct)
    {
        var old = await Writable(id, ct);
        if (old.Status is not (QuoteStatus.Approved or QuoteStatus.Sent or QuoteStatus.Rejected or QuoteStatus.Expired))
            throw new ConflictException(FieldErrors.Text("Only an approved, sent, rejected or expired quote is revised; a draft is changed directly."));
        var oldLines = await db.Set<QuoteLine>().AsNoTracking().Where(l => l.QuoteId == old.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var today = await Today(ct);
        var errors = new FieldErrors();
        var lines = await pricing.Price(old.CustomerId, today, old.Currency, old.TaxInclusive,
            [.. oldLines.Select(l => new QuoteLineInput(l.ProductId, l.Quantity, l.DiscountPercent, null))], errors, ct);
        errors.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var latest = await db.Set<Quote>().Where(q => q.RootId == old.RootId).MaxAsync(q => q.Revision, ct);
        var revision = new Quote
        {
            Number = old.Number, RootId = old.RootId, Revision = latest + 1, CustomerId = old.CustomerId, ContactId = old.ContactId,
            OpportunityId = old.OpportunityId, Title = old.Title, Currency = old.Currency, TaxInclusive = old.TaxInclusive,
            TotalDiscountPercent = old.TotalDiscountPercent, PriceDate = today,
            ValidUntil = today.AddDays(Math.Max(1, old.ValidUntil.DayNumber - old.PriceDate.DayNumber)),
            Status = QuoteStatus.Draft, Notes = old.Notes, OwnerId = old.OwnerId, TeamId = old.TeamId, CreatedAt = now, UpdatedAt = now,
        };
        old.Status = QuoteStatus.Superseded;
        old.UpdatedAt = now;
        Add(revision, lines);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(revision, ct);
    }

    /// <summary>Archives the quote (not while it is under approval): it leaves the lists and keeps its history.</summary>
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var quote = await Writable(id, ct);
        if (quote.ArchivedAt is not null) return;
        EnsureNotPending(quote);
        quote.ArchivedAt = quote.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A live quote the caller may see (404 otherwise) and change (403 otherwise), tracked.</summary>
    public async Task<Quote> Writable(Guid id, CancellationToken ct)
    {
        var quote = await access.FindVisible(db.Set<Quote>().Where(q => q.ArchivedAt == null), id, ct);
        await access.EnsureCanWrite(quote, ct);
        return quote;
    }

    public static void EnsureNotPending(Quote quote)
    {
        if (quote.Status == QuoteStatus.PendingApproval)
            throw new ConflictException(FieldErrors.Text("The quote is under approval and cannot be changed."));
    }

    public static void EnsureDraft(Quote quote)
    {
        EnsureNotPending(quote);
        if (quote.Status != QuoteStatus.Draft)
            throw new ConflictException(FieldErrors.Text("Only a draft quote can be changed; revise it instead."));
    }

    /// <summary>Today where the acting user is (see <see cref="Infrastructure.Time.UserTimeZonesExtensions.Today"/>).</summary>
    public Task<DateOnly> Today(CancellationToken ct) => Infrastructure.Time.UserTimeZonesExtensions.Today(zones, currentUser.UserIdOrNull, time, ct);

    private async Task CheckFields(Quote quote, Guid? contactId, string? title, decimal? totalDiscountPercent, DateOnly validUntil,
        string? notes, FieldErrors errors, CancellationToken ct)
    {
        errors.MaxLength("title", title, 200).MaxLength("notes", notes, 4000);
        if (totalDiscountPercent is < 0m or > 100m) errors.Add("totalDiscountPercent", FieldErrors.Text("A discount is 0 to 100 percent."));
        if (validUntil < quote.PriceDate) errors.Add("validUntil", FieldErrors.Text("The quote must be valid at least through its price date."));
        if (contactId is { } c && c != quote.ContactId && quote.CustomerId != Guid.Empty
            && (await customers.FindVisibleContact(c, ct))?.CustomerId != quote.CustomerId)
            errors.Add("contactId", FieldErrors.Text("Not a contact of this customer."));
        quote.ContactId = contactId;
        quote.Title = title?.Trim() ?? "";
        quote.TotalDiscountPercent = totalDiscountPercent ?? 0m;
        quote.ValidUntil = validUntil;
        quote.Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    private void Add(Quote quote, List<QuoteLine> lines)
    {
        foreach (var line in lines) line.QuoteId = quote.Id;
        QuotePricing.Apply(quote, lines);
        db.Add(quote);
        db.AddRange(lines);
    }
}
